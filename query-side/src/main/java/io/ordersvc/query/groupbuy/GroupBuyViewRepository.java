package io.ordersvc.query.groupbuy;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface GroupBuyViewRepository extends JpaRepository<GroupBuyViewEntity, String>,
        JpaSpecificationExecutor<GroupBuyViewEntity> {

    @Query("select g.version from GroupBuyViewEntity g where g.groupBuyId = ?1")
    Optional<Long> findVersion(String groupBuyId);

    /** For answering queries: fails with the database, unlike findById. */
    @Query("select g from GroupBuyViewEntity g where g.groupBuyId = ?1")
    Optional<GroupBuyViewEntity> lookup(String groupBuyId);
}

interface GroupViewRepository extends JpaRepository<GroupViewEntity, String> {

    @Query("select g.version from GroupViewEntity g where g.groupId = ?1")
    Optional<Long> findVersion(String groupId);

    @Query("select g from GroupViewEntity g where g.groupId = ?1")
    Optional<GroupViewEntity> lookup(String groupId);

    /** @param status forming */
    @Query("select g from GroupViewEntity g where g.groupBuyId = ?1 and g.status = ?2 and g.paid > 0"
            + " and g.taken < g.groupSize and g.deadline > ?3 order by g.deadline asc")
    List<GroupViewEntity> joinable(String groupBuyId, String status, Instant now, Pageable page);
}
