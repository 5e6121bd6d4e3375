SELECT sum(amount) FROM accounts WHERE strpos(name, chr(92)) > 0
