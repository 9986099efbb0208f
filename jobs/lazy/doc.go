// Package lazy holds values that a run of gosh builds the first time it
// needs them. A Value whose Build is a function literal is laid out by the
// compiler as data, so nothing of it runs when gosh starts, where
// sync.OnceValue, called in a package-level variable's initialiser,
// allocates its closures at every start, each child gosh's included
// (issue 9, speed; the rule: nothing runs at package initialisation that
// a given run does not need).
//
// It sits under jobs, the lowest of the packages that use it (shell and
// builtins import it too), as the project keeps to its top-level packages.
package lazy
