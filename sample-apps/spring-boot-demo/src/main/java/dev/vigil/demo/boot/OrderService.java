package dev.vigil.demo.boot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * Validates, prices and packs orders, and remembers the most recent ones.
 *
 * <p>Pricing: the subtotal is the sum of quantity times unit price; orders of at least 100.00 get
 * 5% off; amounts are rounded half-even to cents. Packing puts the items, sorted by SKU, into
 * parcels of at most five.
 */
@Service
public class OrderService {

  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1000;
  static final int ITEMS_PER_PARCEL = 5;
  static final int RETAINED_ORDERS = 1000;
  private static final BigDecimal DISCOUNT_THRESHOLD = new BigDecimal("100.00");
  private static final BigDecimal DISCOUNT_RATE = new BigDecimal("0.05");

  private final AtomicLong lastId = new AtomicLong();
  private final Map<Long, Order> recent = new LinkedHashMap<>();

  /** Places an order, or throws {@link InvalidOrderException} naming the first bad field. */
  public Order place(OrderRequest request) {
    validate(request);
    BigDecimal subtotal = BigDecimal.ZERO;
    for (OrderLine line : request.lines()) {
      subtotal = subtotal.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
    }
    subtotal = cents(subtotal);
    BigDecimal discount =
        subtotal.compareTo(DISCOUNT_THRESHOLD) >= 0
            ? cents(subtotal.multiply(DISCOUNT_RATE))
            : cents(BigDecimal.ZERO);
    List<List<String>> parcels = pack(request.lines());
    int items = parcels.stream().mapToInt(List::size).sum();
    Order order =
        new Order(
            lastId.incrementAndGet(),
            request.customer(),
            List.copyOf(request.lines()),
            items,
            parcels.size(),
            subtotal,
            discount,
            subtotal.subtract(discount));
    remember(order);
    return order;
  }

  /** The order with this id, if it is among the most recent ones. */
  public synchronized Optional<Order> find(long id) {
    return Optional.ofNullable(recent.get(id));
  }

  /** How many orders were placed and what the remembered ones are worth. */
  public synchronized OrderStats stats() {
    BigDecimal revenue =
        recent.values().stream().map(Order::total).reduce(cents(BigDecimal.ZERO), BigDecimal::add);
    return new OrderStats(lastId.get(), recent.size(), revenue);
  }

  private synchronized void remember(Order order) {
    recent.put(order.id(), order);
    if (recent.size() > RETAINED_ORDERS) {
      recent.remove(recent.keySet().iterator().next());
    }
  }

  /** Expands every line into single items and fills parcels in SKU order. */
  private static List<List<String>> pack(List<OrderLine> lines) {
    List<OrderLine> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(OrderLine::sku));
    List<List<String>> parcels = new ArrayList<>();
    List<String> parcel = new ArrayList<>(ITEMS_PER_PARCEL);
    for (OrderLine line : sorted) {
      for (int i = 0; i < line.quantity(); i++) {
        if (parcel.size() == ITEMS_PER_PARCEL) {
          parcels.add(parcel);
          parcel = new ArrayList<>(ITEMS_PER_PARCEL);
        }
        parcel.add(line.sku());
      }
    }
    if (!parcel.isEmpty()) {
      parcels.add(parcel);
    }
    return parcels;
  }

  private static void validate(OrderRequest request) {
    if (request == null) {
      throw new InvalidOrderException("request body is missing");
    }
    if (request.customer() == null || request.customer().isBlank()) {
      throw new InvalidOrderException("customer must not be blank");
    }
    List<OrderLine> lines = request.lines();
    if (lines == null || lines.isEmpty()) {
      throw new InvalidOrderException("lines must contain at least one line");
    }
    if (lines.size() > MAX_LINES) {
      throw new InvalidOrderException(
          "lines must contain at most " + MAX_LINES + " lines, was " + lines.size());
    }
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      String at = "lines[" + i + "]";
      if (line == null) {
        throw new InvalidOrderException(at + " must not be null");
      }
      if (line.sku() == null || line.sku().isBlank()) {
        throw new InvalidOrderException(at + ".sku must not be blank");
      }
      if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        throw new InvalidOrderException(
            at + ".quantity must be between 1 and " + MAX_QUANTITY + ", was " + line.quantity());
      }
      if (line.unitPrice() == null || line.unitPrice().signum() < 0) {
        throw new InvalidOrderException(
            at + ".unitPrice must be zero or more, was " + line.unitPrice());
      }
    }
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }
}
