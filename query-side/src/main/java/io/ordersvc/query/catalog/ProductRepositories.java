package io.ordersvc.query.catalog;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface ProductViewRepository extends JpaRepository<ProductViewEntity, String>,
        JpaSpecificationExecutor<ProductViewEntity> {

    /** The product's version, as ProductQueries#version derives it for a view: in one query, for waits. */
    @Query(value = "SELECT GREATEST(p.version, COALESCE((SELECT MAX(s.version) FROM product_sku_view s"
            + " WHERE s.product_id = p.product_id), -1)) FROM product_view p WHERE p.product_id = ?1",
            nativeQuery = true)
    Optional<Long> findVersion(String productId);

    /** For answering queries: fails with the database, unlike findById (see OrderViewRepository.lookup). */
    @Query("select p from ProductViewEntity p where p.productId = ?1")
    Optional<ProductViewEntity> lookup(String productId);
}

interface ProductSkuRepository extends JpaRepository<ProductSkuEntity, String> {

    List<ProductSkuEntity> findByProductIdOrderByPosition(String productId);

    List<ProductSkuEntity> findByProductIdInOrderByProductIdAscPositionAsc(List<String> productIds);
}
