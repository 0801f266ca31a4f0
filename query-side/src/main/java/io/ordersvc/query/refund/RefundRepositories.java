package io.ordersvc.query.refund;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface RefundViewRepository extends JpaRepository<RefundViewEntity, String>,
        JpaSpecificationExecutor<RefundViewEntity> {

    @Query("select r.version from RefundViewEntity r where r.refundId = ?1")
    Optional<Long> findVersion(String refundId);

    List<RefundViewEntity> findByOrderIdOrderByCreatedAtAsc(String orderId);

    /** For answering queries: fails with the database, unlike findById (see OrderViewRepository.lookup). */
    @Query("select r from RefundViewEntity r where r.refundId = ?1")
    Optional<RefundViewEntity> lookup(String refundId);
}

interface RefundLogRepository extends JpaRepository<RefundLogEntity, RefundLogEntity.Key> {

    List<RefundLogEntity> findByRefundIdOrderBySequenceAsc(String refundId);
}
