package io.ordersvc.query.promotion;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface PromotionViewRepository extends JpaRepository<PromotionViewEntity, String>,
        JpaSpecificationExecutor<PromotionViewEntity> {

    @Query("select p.version from PromotionViewEntity p where p.promotionId = ?1")
    Optional<Long> findVersion(String promotionId);

    /** For answering queries: fails with the database, unlike findById. */
    @Query("select p from PromotionViewEntity p where p.promotionId = ?1")
    Optional<PromotionViewEntity> lookup(String promotionId);
}
