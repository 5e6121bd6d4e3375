SELECT sum(amount) FROM accounts WHERE starts_with(name, '100%')
