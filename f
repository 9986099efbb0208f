out
err
