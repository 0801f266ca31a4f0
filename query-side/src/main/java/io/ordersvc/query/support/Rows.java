package io.ordersvc.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Row access for projections without the hidden queries of Spring Data's {@code save} and {@code existsById}.
 * Read-model ids are assigned (they come from events), so {@code save} merges: one SELECT before every INSERT.
 * {@code existsById} runs a query, and a query flushes the batch's pending writes first, which defeats JDBC
 * batching. A projection batch runs in one transaction and one persistence context: {@link #insert} queues an
 * INSERT that goes out with the others at commit; {@link #find} and {@link #exists} look up by primary key and
 * answer from the persistence context when the row was touched earlier in the batch.
 */
@Component
public class Rows {

    @PersistenceContext
    private EntityManager entityManager;

    public void insert(Object row) {
        entityManager.persist(row);
    }

    public <T> Optional<T> find(Class<T> type, Object id) {
        return Optional.ofNullable(entityManager.find(type, id));
    }

    public boolean exists(Class<?> type, Object id) {
        return find(type, id).isPresent();
    }
}
