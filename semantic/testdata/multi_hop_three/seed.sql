CREATE TABLE regions (id INTEGER, name TEXT);
INSERT INTO regions VALUES (1, 'north'), (2, 'south');
CREATE TABLE customers (id INTEGER, region_id INTEGER, tier TEXT);
INSERT INTO customers VALUES (10, 1, 'gold'), (11, 1, 'basic'), (12, 2, 'gold'), (13, NULL, 'basic');
CREATE TABLE orders (id INTEGER, customer_id INTEGER);
INSERT INTO orders VALUES (100, 10), (101, 10), (102, 11), (103, 12), (104, 13), (105, 99);
CREATE TABLE payments (id INTEGER, order_id INTEGER, amount NUMERIC(12,2));
INSERT INTO payments VALUES (1, 100, 10.00), (2, 100, 5.50), (3, 101, 4.50), (4, 103, 7.25), (5, 104, 1.00), (6, 105, 2.00), (7, 999, 3.00)
