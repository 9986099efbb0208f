package shell

import (
	"io"
	"os"
)

// plainEditor reads lines from a terminal or pipe without editing: the
// fallback for TERM=dumb and for a stdin that is not a terminal.
type plainEditor struct {
	in  *unbufferedLines
	out io.Writer
}

func (sh *Shell) newLineEditor() lineEditor {
	return &plainEditor{in: &unbufferedLines{fd: 0}, out: os.Stderr}
}

func (p *plainEditor) ReadLine(prompt string) (string, error) {
	io.WriteString(p.out, prompt)
	line, err := p.in.readLine()
	if err != nil {
		return line, err
	}
	return line[:len(line)-1], nil
}

func (p *plainEditor) Close() error { return nil }
