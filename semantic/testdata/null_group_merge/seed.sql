CREATE TABLE accounts (id INTEGER, segment TEXT);
INSERT INTO accounts VALUES (1, 'enterprise'), (2, 'smb'), (3, NULL), (4, NULL);
CREATE TABLE orders (id INTEGER, account_id INTEGER, amount NUMERIC(12,2));
INSERT INTO orders VALUES (1, 1, 100.00), (2, 3, 40.00), (3, 4, 60.00), (4, 2, 10.00);
CREATE TABLE leads (id INTEGER, account_id INTEGER);
INSERT INTO leads VALUES (1, 1), (2, 3), (3, 3), (4, 4)
