module github.com/chzyer/readline

go 1.15

require golang.org/x/sys v0.0.0-20220310020820-b874c991c1a5
