CREATE TABLE orders (id INTEGER, region TEXT, amount NUMERIC(12,2));
INSERT INTO orders VALUES (1, 'EMEA', 500), (2, 'EMEA', 100), (3, 'AMER', 300), (4, 'AMER', 300), (5, 'APAC', 50), (6, 'APAC', 40), (7, 'APAC', 30), (8, 'LATAM', 700)
