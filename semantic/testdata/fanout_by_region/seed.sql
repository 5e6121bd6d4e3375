CREATE TABLE customers (id INTEGER, region TEXT);
INSERT INTO customers VALUES (1, 'EMEA'), (2, 'EMEA'), (3, 'AMER');
CREATE TABLE orders (id INTEGER, customer_id INTEGER, ordered_at DATE, amount NUMERIC(12,2));
INSERT INTO orders VALUES (101, 1, '2024-01-05', 100.00), (102, 1, '2024-01-20', 50.00), (103, 2, '2024-02-03', 200.00), (104, 3, '2024-02-10', 80.00);
CREATE TABLE payments (id INTEGER, order_id INTEGER, paid_at DATE, method TEXT, amount NUMERIC(12,2));
INSERT INTO payments VALUES (1001, 101, '2024-01-06', 'card', 40.00), (1002, 101, '2024-01-25', 'card', 60.00), (1003, 102, '2024-01-21', 'wire', 50.00), (1004, 103, '2024-02-04', 'card', 100.00), (1005, 103, '2024-02-15', 'wire', 50.00), (1006, 103, '2024-03-01', 'card', 30.00)
