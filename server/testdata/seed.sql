-- Rows for the end-to-end tests, valid on DuckDB and PostgreSQL. Times are
-- UTC wall-clock times in TIMESTAMP columns, the column type the engine's
-- time zone conversion expects. Several sit next to a month boundary in
-- Europe/Berlin, so a query in that time zone buckets them differently from
-- UTC.
CREATE TABLE leads (
  lead_id      INTEGER PRIMARY KEY,
  customer_id  INTEGER,
  created_at   TIMESTAMP NOT NULL,
  channel      VARCHAR,
  utm_campaign VARCHAR,
  score        INTEGER
);
INSERT INTO leads VALUES
  (10, 10, '2024-12-31 23:30:00', 'google',  'brand',    65), -- Berlin: 2025-01-01 00:30
  (1,  1,  '2025-01-05 10:00:00', 'google',  'brand',    80),
  (2,  2,  '2025-01-20 12:00:00', 'meta',    'retarget', 40),
  (3,  3,  '2025-01-31 23:30:00', 'google',  'brand',    60), -- Berlin: 2025-02-01 00:30
  (4,  4,  '2025-02-10 09:00:00', 'test',    'qa',       90),
  (5,  5,  '2025-02-14 15:00:00', 'meta',    'retarget', 55),
  (6,  6,  '2025-03-01 08:00:00', 'organic', NULL,       70),
  (7,  7,  '2025-03-31 22:30:00', 'google',  'brand',    50), -- Berlin (CEST): 2025-04-01 00:30
  (8,  8,  '2025-06-30 21:59:00', 'meta',    'retarget', 10), -- Berlin: 2025-06-30 23:59
  (9,  9,  '2025-06-30 22:30:00', 'meta',    'retarget', 75); -- Berlin: 2025-07-01 00:30, outside the range

CREATE TABLE deals (
  deal_id   INTEGER PRIMARY KEY,
  lead_id   INTEGER,
  closed_at TIMESTAMP NOT NULL,
  status    VARCHAR NOT NULL,
  amount    DECIMAL(12, 2)
);
INSERT INTO deals VALUES
  (1, 1, '2025-01-15 10:00:00', 'won',  1200.50),
  (2, 3, '2025-02-03 10:00:00', 'won',  99999999.99),
  (3, 5, '2025-02-20 10:00:00', 'lost', 500.00),
  (4, 7, '2025-04-02 10:00:00', 'won',  0.10);
