CREATE TABLE customers (id INTEGER, segment TEXT);
INSERT INTO customers VALUES (1, 'enterprise'), (2, 'smb'), (3, 'smb'), (4, 'enterprise'), (5, NULL);
CREATE TABLE orders (id INTEGER, customer_id INTEGER, status TEXT);
INSERT INTO orders VALUES (10, 2, 'returned'), (11, 2, 'returned'), (12, 3, 'shipped'), (13, 4, 'shipped'), (14, 4, 'returned'), (15, 5, 'returned')
