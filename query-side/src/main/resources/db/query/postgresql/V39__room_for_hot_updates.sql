-- Room on each page for a row's next version: an order's lines are updated at each shipment and refund, its
-- analytics row at payment, shipment, completion and refund, and neither changes an indexed column. A full page
-- (the default fill of 100 %) put the new version on another page, with a new entry in every index of the table;
-- with room left the update is HOT (heap-only: the same page, no index entry), 54 % and 31 % of their updates
-- before (bench/README.md, session 47). The setting holds for pages written from now on.
ALTER TABLE order_line_view SET (fillfactor = 80);
ALTER TABLE analytics_order SET (fillfactor = 80);
