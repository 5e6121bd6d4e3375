SELECT sum(amount) FROM accounts WHERE strpos(name, '%_') > 0
