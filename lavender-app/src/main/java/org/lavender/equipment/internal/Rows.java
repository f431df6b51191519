package org.lavender.equipment.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Small JDBC helpers shared by the equipment repositories. */
final class Rows {

    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A keyset cursor is the last row's id; anything else is refused rather than silently restarting the list. */
    static Long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            throw new org.lavender.shared.InvalidInputException("cursor", "'" + cursor + "' is not a page cursor");
        }
    }

    static int size(int size) {
        return Math.max(1, Math.min(size, 200));
    }

    static <T> org.lavender.shared.Slice<T> slice(List<T> rows, int size, java.util.function.ToLongFunction<T> id) {
        if (rows.size() <= size) {
            return new org.lavender.shared.Slice<>(rows, null);
        }
        List<T> page = rows.subList(0, size);
        return new org.lavender.shared.Slice<>(List.copyOf(page), Long.toString(id.applyAsLong(page.get(size - 1))));
    }
}
