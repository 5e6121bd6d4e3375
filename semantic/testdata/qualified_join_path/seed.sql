CREATE TABLE regions (id INTEGER, name TEXT);
INSERT INTO regions VALUES (1, 'north'), (2, 'south');
CREATE TABLE buyers (id INTEGER, region_id INTEGER);
INSERT INTO buyers VALUES (10, 1), (11, 2);
CREATE TABLE sellers (id INTEGER, region_id INTEGER);
INSERT INTO sellers VALUES (20, 1), (21, 2);
CREATE TABLE sales (id INTEGER, buyer_id INTEGER, seller_id INTEGER);
INSERT INTO sales VALUES (1, 10, 21), (2, 10, 21), (3, 11, 21), (4, 11, 20), (5, 10, 20)
