CREATE TABLE orders (id INTEGER, ordered_on DATE, amount NUMERIC(12,2));
INSERT INTO orders VALUES (1, '2024-03-02', 1), (2, '2024-03-03', 2), (3, '2024-03-04', 4), (4, '2024-03-09', 8), (5, '2024-03-10', 16), (6, '2024-12-29', 32), (7, '2024-12-30', 64), (8, '2025-01-01', 128)
