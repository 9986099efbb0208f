package readline

import "unicode"

// This file is gosh's addition to the copy: functions of GNU readline that
// upstream lacks, which gosh's bind can put on a key. The shell hands the
// editor one of these runes for a bound key (its FuncFilterInputRune), and
// ioloop performs it.
const (
	MetaHistorySearchBackward rune = -iota - 100
	MetaHistorySearchForward
	MetaBeginningOfHistory
	MetaEndOfHistory
	MetaKillWholeLine
	MetaUpcaseWord
	MetaDowncaseWord
	MetaCapitalizeWord
	MetaDeleteChar
	MetaInsertComment
	MetaBell
)

// opGosh is the state of gosh's functions: the prefix of a run of
// history-search keys.
type opGosh struct {
	searching bool   // the key before was a history search
	prefix    []rune // what was before the cursor when the run started
}

// goshKey performs one of the functions of this file (not insert-comment,
// which ioloop turns into Enter). searching says whether the key before
// was a history search too.
func (o *Operation) goshKey(r rune, searching bool) {
	buf := o.buf
	switch r {
	case MetaHistorySearchBackward, MetaHistorySearchForward:
		o.historySearch(r == MetaHistorySearchBackward, searching)
	case MetaBeginningOfHistory:
		if e := o.history.history.Front(); e != nil && e != o.history.current {
			o.history.current = e
			buf.Set(runes.Copy(o.history.showItem(e.Value)))
		}
	case MetaEndOfHistory:
		if e := o.history.history.Back(); e != nil && e != o.history.current {
			o.history.current = e
			buf.Set(runes.Copy(o.history.showItem(e.Value)))
		}
	case MetaKillWholeLine:
		buf.Refresh(func() {
			buf.pushKill(buf.buf)
			buf.buf = buf.buf[:0:0]
			buf.idx = 0
		})
	case MetaUpcaseWord, MetaDowncaseWord, MetaCapitalizeWord:
		o.caseWord(r)
	case MetaDeleteChar:
		if !buf.Delete() {
			o.t.Bell()
		}
	case MetaBell:
		o.t.Bell()
	}
}

// historySearch is readline's history-search-backward and -forward: the
// next older (newer) history line that starts with the text that was
// before the cursor when the run of searches began; the cursor goes after
// that text, as in GNU readline. Without one, the bell rings and the line
// stays. The line being typed, the newest entry, is found going forward.
func (o *Operation) historySearch(backward, searching bool) {
	h, buf := o.history, o.buf
	if !searching {
		o.opGosh.prefix = runes.Copy(buf.buf[:buf.idx])
	}
	prefix := o.opGosh.prefix
	o.opGosh.searching = true
	if h.current == nil {
		o.t.Bell()
		return
	}
	line := buf.Runes()
	for e := h.current; ; {
		if backward {
			e = e.Prev()
		} else {
			e = e.Next()
		}
		if e == nil {
			break
		}
		item := h.showItem(e.Value)
		if len(item) < len(prefix) || !runes.Equal(item[:len(prefix)], prefix) || runes.Equal(item, line) {
			continue
		}
		h.current = e
		buf.SetWithIdx(len(prefix), runes.Copy(item))
		return
	}
	o.t.Bell()
	if buf.idx != len(prefix) && len(prefix) <= len(buf.buf) {
		buf.SetWithIdx(len(prefix), buf.Runes())
	}
}

// caseWord is upcase-word, downcase-word and capitalize-word: the word at
// or after the cursor, to its end, where the cursor goes.
func (o *Operation) caseWord(r rune) {
	buf := o.buf
	buf.Refresh(func() {
		i := buf.idx
		for i < len(buf.buf) && IsWordBreak(buf.buf[i]) {
			i++
		}
		first := true
		for ; i < len(buf.buf) && !IsWordBreak(buf.buf[i]); i++ {
			c := buf.buf[i]
			switch {
			case r == MetaUpcaseWord, r == MetaCapitalizeWord && first:
				c = unicode.ToUpper(c)
			default:
				c = unicode.ToLower(c)
			}
			buf.buf[i] = c
			first = false
		}
		buf.idx = i
	})
}

// insertComment is insert-comment: text (comment-begin, "#") goes at the
// start of the line, which ioloop then accepts.
func (o *Operation) insertComment(text string) {
	o.buf.MoveToLineStart()
	o.buf.WriteString(text)
}

// SetBufferPos sets the line and the cursor in it (a rune index).
func (o *Operation) SetBufferPos(what string, pos int) {
	rs := []rune(what)
	if pos < 0 || pos > len(rs) {
		pos = len(rs)
	}
	o.buf.SetWithIdx(pos, rs)
}
