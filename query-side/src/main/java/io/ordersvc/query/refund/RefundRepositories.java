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
}

interface RefundLogRepository extends JpaRepository<RefundLogEntity, RefundLogEntity.Key> {

    List<RefundLogEntity> findByRefundIdOrderBySequenceAsc(String refundId);
}
