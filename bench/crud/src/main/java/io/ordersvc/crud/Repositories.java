package io.ordersvc.crud;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data repositories of the baseline's tables. */
final class Repositories {

    private Repositories() {
    }

    interface Products extends JpaRepository<Entities.Product, String> {
    }

    interface Skus extends JpaRepository<Entities.Sku, String> {

        /** Takes stock only if there is enough: the conditional UPDATE of a conventional service. */
        @Modifying
        @Query("UPDATE Entities$Sku s SET s.stock = s.stock - :quantity WHERE s.id = :id AND s.stock >= :quantity")
        int reserve(@Param("id") String id, @Param("quantity") int quantity);
    }

    interface Orders extends JpaRepository<Entities.Order, String> {
    }

    interface OrderLines extends JpaRepository<Entities.OrderLine, String> {
    }

    interface Shipments extends JpaRepository<Entities.Shipment, String> {
    }

    interface OrderLogs extends JpaRepository<Entities.OrderLog, Long> {
    }
}
