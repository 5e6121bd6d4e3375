CREATE TABLE stores (id INTEGER, name TEXT);
INSERT INTO stores VALUES (1, 'North'), (2, 'South'), (3, 'West');
CREATE TABLE orders (id INTEGER, store_id INTEGER, amount NUMERIC(12,2));
INSERT INTO orders VALUES (1, 1, 10.00), (2, 1, 20.00), (3, 2, 5.00)
