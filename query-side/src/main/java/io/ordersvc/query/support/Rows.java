package io.ordersvc.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

/**
 * Inserts a new read-model row. Read-model ids are assigned (they come from events), so Spring Data's
 * {@code save} merges: one SELECT before every INSERT. A persist queues the INSERT, which goes out in a JDBC batch
 * with the rest of the event batch at commit. Lookups stay with the repositories' {@code findById}: it reads the
 * batch's persistence context first and, unlike {@code existsById}, runs no query that would flush pending writes.
 */
@Component
public class Rows {

    @PersistenceContext
    private EntityManager entityManager;

    public void insert(Object row) {
        entityManager.persist(row);
    }
}
