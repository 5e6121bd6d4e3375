SELECT sum(amount) FROM accounts
