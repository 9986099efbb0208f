gosh: t3.sh: No such file or directory
