package io.ordersvc.query.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface OrderViewRepository extends JpaRepository<OrderViewEntity, String>,
        JpaSpecificationExecutor<OrderViewEntity> {

    @Query("select o.version from OrderViewEntity o where o.orderId = ?1")
    Optional<Long> findVersion(String orderId);

    /**
     * For answering queries: unlike findById (EntityManager.find), a query fails when the database does. Hibernate's
     * find returns null on a JDBC error in a rollback-only transaction (HHH-12472), which would turn an outage into
     * "order not found".
     */
    @Query("select o from OrderViewEntity o where o.orderId = ?1")
    Optional<OrderViewEntity> lookup(String orderId);
}

interface OrderLineRepository extends JpaRepository<OrderLineEntity, String> {

    List<OrderLineEntity> findByOrderIdOrderByPosition(String orderId);

    List<OrderLineEntity> findByOrderIdInOrderByOrderIdAscPositionAsc(Collection<String> orderIds);

}

interface ShipmentRepository extends JpaRepository<ShipmentEntity, String> {

    List<ShipmentEntity> findByOrderIdOrderByShippedAtAsc(String orderId);
}

interface ShipmentTrackingRepository extends JpaRepository<ShipmentTrackingEntity, String> {

    List<ShipmentTrackingEntity> findByOrderId(String orderId);
}

interface OrderLogRepository extends JpaRepository<OrderLogEntity, OrderLogEntity.Key> {

    List<OrderLogEntity> findByOrderIdOrderBySequenceAsc(String orderId);
}
