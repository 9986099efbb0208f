package lazy

import "sync"

// Value is the value Build returns, built by the first Get, once even
// when goroutines call Get at the same time. Build must not panic.
type Value[T any] struct {
	Build func() T
	once  sync.Once
	v     T
}

// Get returns the value, building it first if no Get has.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.Build() })
	return l.v
}
