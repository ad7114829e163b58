-- orders(filter: {email}) finds a customer's orders by email in any case, newest or oldest first, with a keyset
-- page: the index serves the filter and the order. Built CONCURRENTLY, alone in its file (README, "Migrations").
create index concurrently if not exists orders_email_placed_idx on orders (lower(email), placed_at desc, id desc);
