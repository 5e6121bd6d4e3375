SELECT count(id) FROM invoices WHERE upper(customer) LIKE 'SMA%'
