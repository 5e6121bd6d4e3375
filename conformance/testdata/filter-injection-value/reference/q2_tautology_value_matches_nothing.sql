SELECT name, sum(amount) FROM accounts WHERE name = ''' OR ''1''=''1' GROUP BY name
