package org.lavender.orders.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.orders.Order;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.OrderStatus;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;
import org.lavender.shared.Slice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private static final String ORDER_COLUMNS = "o.id, o.order_number, o.patient_id, o.priority,"
            + " o.ordering_provider, o.clinical_notes, o.requisition, o.status, o.ordered_at, o.ordered_by, o.source";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of the day: concurrent orders queue on the day's counter row. */
    int nextNumberOfDay(LocalDate day) {
        return jdbc.sql("insert into orders.day_counter (day, last_number) values (?, 1) on conflict (day)"
                        + " do update set last_number = orders.day_counter.last_number + 1 returning last_number")
                .param(day).query(Integer.class).single();
    }

    long insertOrder(String number, long patientId, Priority priority, String provider, String notes,
                     String requisition, Instant at, String by, String source) {
        return jdbc.sql("insert into orders.lab_order (order_number, patient_id, priority, ordering_provider,"
                        + " clinical_notes, requisition, status, ordered_at, ordered_by, source)"
                        + " values (?,?,?,?,?,?,'ACTIVE',?,?,?) returning id")
                .params(number, patientId, priority.name(), provider, notes, requisition, Timestamp.from(at), by,
                        source)
                .query(Long.class).single();
    }

    long insertItem(long orderId, String code, String loinc, String name, List<String> testCodes, Instant at) {
        return jdbc.sql("insert into orders.item (order_id, orderable_code, loinc, name, test_codes, status,"
                        + " created_at) values (?,?,?,?,?,'ACTIVE',?) returning id")
                .params(orderId, code, loinc, name, testCodes.toArray(String[]::new), Timestamp.from(at))
                .query(Long.class).single();
    }

    void setPriority(long orderId, Priority priority) {
        jdbc.sql("update orders.lab_order set priority = ? where id = ?").params(priority.name(), orderId).update();
    }

    void setOrderStatus(long orderId, OrderStatus status, String reason) {
        jdbc.sql("update orders.lab_order set status = ?, cancel_reason = ? where id = ?")
                .params(status.name(), reason, orderId).update();
    }

    void setItemStatus(Collection<Long> itemIds, String status, String reason) {
        jdbc.sql("update orders.item set status = ?, cancel_reason = ? where id = any(?)")
                .params(status, reason, itemIds.toArray(Long[]::new)).update();
    }

    /** The active order with this requisition, locked until the transaction ends so joins queue up. */
    Optional<Long> lockActiveByRequisition(String requisition) {
        return jdbc.sql("select id from orders.lab_order where requisition = ? and status = 'ACTIVE' for update")
                .param(requisition).query(Long.class).optional();
    }

    Optional<Long> lockOrder(long orderId) {
        return jdbc.sql("select id from orders.lab_order where id = ? for update").param(orderId)
                .query(Long.class).optional();
    }

    Optional<Long> orderOfItem(long itemId) {
        return jdbc.sql("select order_id from orders.item where id = ?").param(itemId).query(Long.class).optional();
    }

    Optional<Order> find(long id) {
        return withItems(jdbc.sql("select " + ORDER_COLUMNS + " from orders.lab_order o where o.id = ?").param(id)
                .query(OrderRepository::row).list()).stream().findFirst();
    }

    /** The active order with this requisition, else the newest closed one. */
    Optional<Order> findByRequisition(String requisition) {
        return withItems(jdbc.sql("select " + ORDER_COLUMNS + " from orders.lab_order o where o.requisition = ?"
                        + " order by (o.status = 'ACTIVE') desc, o.id desc limit 1")
                .param(requisition).query(OrderRepository::row).list()).stream().findFirst();
    }

    List<Order> forPatient(long patientId) {
        return withItems(jdbc.sql("select " + ORDER_COLUMNS + " from orders.lab_order o where o.patient_id = ?"
                + " order by o.id desc").param(patientId).query(OrderRepository::row).list());
    }

    /** Newest first; the cursor is the id of the last order shown. */
    Slice<Order> list(OrderQuery q, String cursor, int size) {
        var sql = new StringBuilder("select " + ORDER_COLUMNS + " from orders.lab_order o where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.patientId() != null) {
            sql.append(" and o.patient_id = :patient");
            params.put("patient", q.patientId());
        }
        if (q.status() != null) {
            sql.append(" and o.status = :status");
            params.put("status", q.status().name());
        }
        if (q.priority() != null) {
            sql.append(" and o.priority = :priority");
            params.put("priority", q.priority().name());
        }
        if (q.requisition() != null && !q.requisition().isBlank()) {
            sql.append(" and o.requisition = :requisition");
            params.put("requisition", q.requisition().strip());
        }
        if (cursor != null && !cursor.isBlank()) {
            try {
                params.put("before", Long.parseLong(cursor.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "The page cursor is not valid: start the list again");
            }
            sql.append(" and o.id < :before");
        }
        sql.append(" order by o.id desc limit :limit");
        params.put("limit", size + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(OrderRepository::row).list();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = String.valueOf(rows.get(size - 1).id);
        }
        return new Slice<>(withItems(rows), next);
    }

    private List<Order> withItems(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<OrderItem>> items = new LinkedHashMap<>();
        rows.forEach(r -> items.put(r.id, new ArrayList<>()));
        jdbc.sql("select id, order_id, orderable_code, loinc, name, test_codes, status, cancel_reason"
                        + " from orders.item where order_id = any(?) order by id")
                .param(items.keySet().toArray(Long[]::new))
                .query(rs -> {
                    items.get(rs.getLong("order_id")).add(new OrderItem(rs.getLong("id"),
                            rs.getString("orderable_code"), rs.getString("loinc"), rs.getString("name"),
                            strings(rs.getArray("test_codes")), rs.getString("status"),
                            rs.getString("cancel_reason")));
                });
        return rows.stream().map(r -> new Order(r.id, r.number, r.patientId, r.priority, r.provider, r.notes,
                r.requisition, r.status, r.orderedAt, r.orderedBy, r.source, List.copyOf(items.get(r.id)))).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private record Row(long id, String number, long patientId, Priority priority, String provider, String notes,
                       String requisition, OrderStatus status, Instant orderedAt, String orderedBy,
                       String source) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("order_number"), rs.getLong("patient_id"),
                Priority.valueOf(rs.getString("priority")), rs.getString("ordering_provider"),
                rs.getString("clinical_notes"), rs.getString("requisition"),
                OrderStatus.valueOf(rs.getString("status")), rs.getTimestamp("ordered_at").toInstant(),
                rs.getString("ordered_by"), rs.getString("source"));
    }
}
