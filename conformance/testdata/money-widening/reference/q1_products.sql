SELECT CAST(sum(amount) AS NUMERIC(38,2)) * max(rate),
       CAST(max(amount) AS NUMERIC(38,2)) * max(rate),
       CAST(max(amount) AS NUMERIC(38,2)) * max(rate) - sum(amount)
FROM balances
