SELECT name, sum(amount) FROM accounts WHERE name = 'x'' OR ''1''=''1' GROUP BY name
