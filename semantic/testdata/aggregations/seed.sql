CREATE TABLE deals (id INTEGER, rep_id INTEGER, closed_on DATE, stage TEXT, amount NUMERIC(12,2));
INSERT INTO deals VALUES (1, 1, '2024-01-03', 'won', 100.00), (2, 1, '2024-01-09', 'lost', 50.00), (3, 2, '2024-01-20', 'won', 300.00), (4, 3, '2024-01-21', 'lost', 120.00), (5, 2, '2024-02-02', 'lost', 10.00), (6, NULL, '2024-02-03', 'lost', 20.00)
