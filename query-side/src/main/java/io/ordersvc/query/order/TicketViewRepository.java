package io.ordersvc.query.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface TicketViewRepository extends JpaRepository<TicketViewEntity, String> {

    List<TicketViewEntity> findByOrderIdOrderByPosition(String orderId);

    /** For answering queries: fails with the database, unlike findById. */
    @Query("select t from TicketViewEntity t where t.code = ?1")
    Optional<TicketViewEntity> lookup(String code);
}
