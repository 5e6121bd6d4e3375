SELECT sum(amount) FROM accounts WHERE right(name, 4) = '_off'
