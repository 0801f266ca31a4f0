package io.ordersvc.query.shipping;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface FreightTemplateViewRepository extends JpaRepository<FreightTemplateViewEntity, String>,
        JpaSpecificationExecutor<FreightTemplateViewEntity> {

    @Query("select t.version from FreightTemplateViewEntity t where t.freightTemplateId = ?1")
    Optional<Long> findVersion(String freightTemplateId);

    /** For answering queries: fails with the database, unlike findById. */
    @Query("select t from FreightTemplateViewEntity t where t.freightTemplateId = ?1")
    Optional<FreightTemplateViewEntity> lookup(String freightTemplateId);
}
