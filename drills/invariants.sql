-- What must hold in any database the service wrote, whatever happened to it (crashes, outages, races).
-- One row per check with the number of violations; the drills pass only when every count is 0.
-- "settled" checks assume the routing queue has drained (the drills wait for that first).
select 'paid order never routed (settled)' as "check", count(*) as violations
from orders o
where o.status = 'PAID' and o.stuck_reason is distinct from 'UNROUTED'
union all
select 'order routed more than once', count(*) from (
    select order_id from order_events
    where type = 'ORDER_ROUTED' and from_status = 'PAID'
    group by order_id having count(*) > 1) twice
union all
select 'reserved differs from open fulfillment orders', count(*) from (
    select l.location_id, l.sku
    from inventory_levels l
    left join (select f.location_id, fl.sku, sum(fl.quantity) as quantity
               from fulfillment_orders f join fulfillment_order_lines fl on fl.fulfillment_order_id = f.id
               where f.status in ('OPEN','PICKING','PICKED','PACKED')
               group by f.location_id, fl.sku) held
        on held.location_id = l.location_id and held.sku = l.sku
    where l.reserved <> coalesce(held.quantity, 0)) mismatched
union all
select 'inventory level below zero or over-reserved', count(*) from inventory_levels
where on_hand < 0 or reserved < 0 or reserved > on_hand
union all
select 'order without lines', count(*) from orders o
where not exists (select 1 from order_lines l where l.order_id = o.id)
union all
-- A shipment that gave back every unit (a cancellation, damaged stock taken back) is CANCELLED with no lines.
select 'fulfillment order without lines (not cancelled)', count(*) from fulfillment_orders f
where f.status <> 'CANCELLED' and not exists (select 1 from fulfillment_order_lines fl where fl.fulfillment_order_id = f.id)
union all
select 'paid order without a routing job', count(*) from orders o
where o.status <> 'PENDING' and o.payment_reference is not null
  and not exists (select 1 from routing_jobs j where j.order_id = o.id)
union all
select 'order line allocated beyond its quantity', count(*) from order_lines
where quantity_allocated + quantity_cancelled > quantity
union all
select 'order line counts more or fewer units than ordered (routed orders)', count(*)
from order_lines l join orders o on o.id = l.order_id
where o.status not in ('PENDING', 'PAYMENT_PROCESSING', 'PAID')
  and l.quantity_allocated + l.quantity_backordered + l.quantity_cancelled + l.quantity_shipped <> l.quantity
union all
select 'on hand differs from its ledger', count(*) from (
    select i.location_id, i.sku from inventory_levels i
    left join inventory_movements m on m.location_id = i.location_id and m.sku = i.sku
    group by i.location_id, i.sku, i.on_hand having i.on_hand <> coalesce(sum(m.on_hand_delta), 0)) drifted
union all
select 'stock held for backorders beyond what is free', count(*) from inventory_levels
where held < 0 or reserved + held > on_hand;
