SELECT name, sum(amount) FROM accounts WHERE name = 'Robert''); DROP TABLE accounts; --' GROUP BY name
