package io.ordersvc.standalone.client;

import io.ordersvc.client.ApiClient;
import io.ordersvc.client.ApiException;
import io.ordersvc.client.api.CatalogApi;
import io.ordersvc.client.api.DevelopmentApi;
import io.ordersvc.client.api.OrdersCommandsApi;
import io.ordersvc.client.api.OrdersQueriesApi;
import io.ordersvc.client.api.RefundsAfterSalesApi;
import io.ordersvc.client.model.ApplyRequest;
import io.ordersvc.client.model.ApproveRequest;
import io.ordersvc.client.model.CreateProductRequest;
import io.ordersvc.client.model.HistoryEntry;
import io.ordersvc.client.model.Item;
import io.ordersvc.client.model.OrderDetail;
import io.ordersvc.client.model.PayRequest;
import io.ordersvc.client.model.PlaceOrderRequest;
import io.ordersvc.client.model.ReceiverRequest;
import io.ordersvc.client.model.ReturnShipmentRequest;
import io.ordersvc.client.model.ReviewRequest;
import io.ordersvc.client.model.ShipRequest;
import io.ordersvc.client.model.SkuRequest;
import io.ordersvc.client.model.TokenRequest;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's walk-through through a Java client generated from docs/openapi.json at build time
 * (openapi-generator, library native): no hand-written HTTP. If the document lied about a path, a field or a type,
 * this would not compile or not run.
 */
class GeneratedClientIT extends IntegrationTest {

    private ApiClient as(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void a_generated_client_walks_the_lifecycle() throws Exception {
        String shop = uniqueId("shop");
        String buyerId = uniqueId("buyer");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyer = token(buyerId, "buyer");
        String gateway = token("pay-gateway", "system");

        // Tokens: development tokens exist on the embedded default only; with a real secret the endpoint is 404.
        assertThatThrownBy(() -> new DevelopmentApi(as(buyer)).mintDevelopmentToken(new TokenRequest().sub("x")
                .roles(List.of("buyer")), null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));

        var product = new CatalogApi(as(seller)).createProduct(new CreateProductRequest().name("纯棉T恤")
                .imageUrl("https://img.example.com/t.jpg").skus(List.of(new SkuRequest().skuCode("T-RED-X")
                        .properties(Map.of("颜色", "红色", "大小", "X")).price("22.00").costPrice("16.00").stock(100L))),
                null);
        UUID sku = UUID.fromString(product.getSkus().get(0).getSkuId());

        OrdersCommandsApi buyerCommands = new OrdersCommandsApi(as(buyer));
        var placed = buyerCommands.placeOrder(new PlaceOrderRequest().items(List.of(new Item().skuId(sku).quantity(2)))
                .receiver(new ReceiverRequest().name("张三").phone("13800138000").province("广东省").city("深圳市")
                        .district("南山区").address("科技园路1号")), "walk-" + buyerId);
        UUID order = UUID.fromString(placed.getOrderId());
        assertThat(placed.getPayAmount()).isEqualTo("44.00");

        var paid = new OrdersCommandsApi(as(gateway)).payOrder(order, new PayRequest().amount("44.00")
                .channel(PayRequest.ChannelEnum.WECHAT).transactionNo("4200001"), null);
        assertThat(paid.getPayment().getTransactionNo()).isEqualTo("4200001");
        new OrdersCommandsApi(as(seller)).shipOrder(order, new ShipRequest().carrierCode("SF").carrierName("顺丰速运")
                .trackingNo("SF1234567890"), null);
        buyerCommands.confirmReceipt(order, null);
        var reviewed = buyerCommands.reviewOrder(order, new ReviewRequest().rating(5).content("很好"), null);
        assertThat(reviewed.getVersion()).isEqualTo(4);

        OrdersQueriesApi buyerQueries = new OrdersQueriesApi(as(buyer));
        OrderDetail detail = buyerQueries.getOrder(order, 4L, null, null);
        assertThat(detail.getStatus()).hasToString("completed");
        UUID line = UUID.fromString(detail.getLines().get(0).getOrderLineId());

        RefundsAfterSalesApi buyerRefunds = new RefundsAfterSalesApi(as(buyer));
        RefundsAfterSalesApi sellerRefunds = new RefundsAfterSalesApi(as(seller));
        UUID refund = UUID.fromString(buyerRefunds.applyForRefund(order, new ApplyRequest().orderLineId(line)
                .type(ApplyRequest.TypeEnum.RETURN_AND_REFUND).goodsReceived(true)
                .reason(ApplyRequest.ReasonEnum.QUALITY_ISSUE).amount("22.00").note("领口开线"), null).getRefundId());
        sellerRefunds.approveRefund(refund, null, new ApproveRequest().returnAddress("上海市浦东新区张江路100号 退货组"));
        buyerRefunds.shipReturn(refund, new ReturnShipmentRequest().carrierCode("SF").carrierName("顺丰速运")
                .trackingNo("SF9876543210"), null);
        var refunded = sellerRefunds.confirmReturn(refund, null);
        assertThat(refunded.getStatus()).hasToString("refunded");
        assertThat(buyerRefunds.getRefund(refund, 3L).getAmount()).isEqualTo("22.00");

        var page = buyerQueries.listOrders("completed", null, null, null, null, "T恤", null, null, null, null, null,
                null, 1, 20);
        assertThat(page.getItems()).extracting(o -> o.getOrderId()).contains(order.toString());
        var counts = new OrdersQueriesApi(as(seller)).countOrdersByStatus(null, null, null, null, null, null, null,
                null, null, null, null);
        assertThat(counts.getCompleted()).isGreaterThanOrEqualTo(1);
        List<HistoryEntry> history = buyerQueries.getOrderHistory(order);
        assertThat(history).extracting(HistoryEntry::getType).startsWith("OrderPlaced", "OrderPaid", "OrderShipped");
        assertThat(history.get(0).getMetadata()).containsEntry("actor_role", "buyer");
    }
}
