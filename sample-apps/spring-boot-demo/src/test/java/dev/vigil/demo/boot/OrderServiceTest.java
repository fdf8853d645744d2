package dev.vigil.demo.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

  private final OrderService orders = new OrderService();

  @Test
  void pricesAnOrderBelowTheDiscountThresholdAtFullPrice() {
    Order order = orders.place(request(line("A", 2, "9.99"), line("B", 1, "5.00")));

    assertThat(order.subtotal()).isEqualByComparingTo("24.98");
    assertThat(order.discount()).isEqualByComparingTo("0.00");
    assertThat(order.total()).isEqualByComparingTo("24.98");
  }

  @Test
  void givesFivePercentOffFromOneHundred() {
    Order exactly = orders.place(request(line("A", 10, "10.00")));
    Order above = orders.place(request(line("A", 10, "12.00")));

    assertThat(exactly.discount()).isEqualByComparingTo("5.00");
    assertThat(exactly.total()).isEqualByComparingTo("95.00");
    assertThat(above.total()).isEqualByComparingTo("114.00");
  }

  @Test
  void roundsTheDiscountHalfEvenToCents() {
    // 5% of 100.50 is 5.025: half-even rounds to 5.02, not 5.03.
    Order order = orders.place(request(line("A", 1, "100.50")));

    assertThat(order.discount()).isEqualByComparingTo("5.02");
    assertThat(order.total()).isEqualByComparingTo("95.48");
  }

  @Test
  void packsAtMostFiveItemsPerParcel() {
    assertThat(orders.place(request(line("A", 5, "1"))).parcels()).isEqualTo(1);
    Order order = orders.place(request(line("A", 3, "1"), line("B", 4, "1")));

    assertThat(order.items()).isEqualTo(7);
    assertThat(order.parcels()).isEqualTo(2);
  }

  @Test
  void givesEveryOrderANewIdAndFindsItAgain() {
    Order first = orders.place(request(line("A", 1, "1")));
    Order second = orders.place(request(line("A", 1, "1")));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(orders.find(first.id())).contains(first);
    assertThat(orders.find(second.id() + 1)).isEmpty();
  }

  @Test
  void forgetsTheOldestOrdersBeyondTheRetainedNumber() {
    Order oldest = orders.place(request(line("A", 1, "2.00")));
    for (int i = 0; i < OrderService.RETAINED_ORDERS; i++) {
      orders.place(request(line("A", 1, "2.00")));
    }

    assertThat(orders.find(oldest.id())).isEmpty();
    OrderStats stats = orders.stats();
    assertThat(stats.placed()).isEqualTo(OrderService.RETAINED_ORDERS + 1L);
    assertThat(stats.retained()).isEqualTo(OrderService.RETAINED_ORDERS);
    assertThat(stats.retainedRevenue()).isEqualByComparingTo("2000.00");
  }

  @Test
  void rejectsAZeroQuantityNamingTheLine() {
    assertThatThrownBy(() -> orders.place(request(line("A", 1, "1"), line("B", 0, "1"))))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessage("lines[1].quantity must be between 1 and 1000, was 0");
  }

  @Test
  void rejectsANegativePriceNamingTheLine() {
    assertThatThrownBy(() -> orders.place(request(line("A", 1, "-0.01"))))
        .hasMessage("lines[0].unitPrice must be zero or more, was -0.01");
  }

  @Test
  void rejectsAnOrderWithoutLinesOrCustomer() {
    assertThatThrownBy(() -> orders.place(new OrderRequest("ada", List.of())))
        .hasMessage("lines must contain at least one line");
    assertThatThrownBy(() -> orders.place(new OrderRequest(" ", List.of(line("A", 1, "1")))))
        .hasMessage("customer must not be blank");
    assertThatThrownBy(() -> orders.place(null)).hasMessage("request body is missing");
  }

  @Test
  void rejectsMoreLinesThanTheLimit() {
    List<OrderLine> lines =
        new ArrayList<>(Collections.nCopies(OrderService.MAX_LINES + 1, line("A", 1, "1")));

    assertThatThrownBy(() -> orders.place(new OrderRequest("ada", lines)))
        .hasMessage("lines must contain at most 100 lines, was 101");
  }

  private static OrderRequest request(OrderLine... lines) {
    return new OrderRequest("ada", List.of(lines));
  }

  private static OrderLine line(String sku, int quantity, String unitPrice) {
    return new OrderLine(sku, quantity, new BigDecimal(unitPrice));
  }
}
