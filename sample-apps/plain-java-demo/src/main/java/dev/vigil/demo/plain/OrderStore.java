package dev.vigil.demo.plain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's shop database: an in-memory H2 database behind a small HikariCP pool, seeded with
 * {@value #PRODUCTS} products and {@value #ORDERS} orders when it opens.
 *
 * <p>Plain JDBC on purpose: every query is a driver call the agent's JDBC instrumentation times,
 * through HikariCP's proxies, whose pool the agent's HikariCP gauges read.
 */
final class OrderStore implements AutoCloseable {

  static final int PRODUCTS = 50;
  static final int ORDERS = 1000;

  /** Each store gets its own database, so several demo servers in one JVM (tests) stay apart. */
  private static final AtomicInteger databases = new AtomicInteger();

  private static final String VIEW =
      "UPDATE orders SET views = views + 1 WHERE id = ?";
  private static final String FIND =
      "SELECT o.id, o.product_id, p.name, o.quantity, p.price_cents, o.views"
          + " FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?";
  private static final String STOCK = "SELECT stock FROM products WHERE id = ?";

  private final HikariDataSource pool;

  private OrderStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Creates, seeds and opens a new database.
   *
   * @throws SQLException when H2 cannot create it
   */
  static OrderStore open() throws SQLException {
    int n = databases.incrementAndGet();
    HikariConfig config = new HikariConfig();
    // DB_CLOSE_DELAY=-1: the database lives until close() shuts it down, even at moments when the
    // pool holds no connection (it retires and replaces them).
    config.setJdbcUrl(
        "jdbc:h2:mem:demo-shop-" + n + ";DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setPassword("");
    config.setPoolName("demo-shop-" + n);
    // Smaller than the server's 8 threads: under load, requests wait for a connection and the
    // pool's pending gauge shows it.
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      seed(pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return new OrderStore(pool);
  }

  private static void seed(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL,"
              + " price_cents INT NOT NULL, stock INT NOT NULL)");
      ddl.execute(
          "CREATE TABLE orders (id INT PRIMARY KEY, product_id INT NOT NULL REFERENCES products,"
              + " quantity INT NOT NULL, views INT NOT NULL DEFAULT 0)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
        for (int id = 1; id <= PRODUCTS; id++) {
          insert.setInt(1, id);
          insert.setString(2, "product " + id);
          insert.setInt(3, unitPriceCents(id));
          insert.setInt(4, stock(id));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO orders (id, product_id, quantity) VALUES (?, ?, ?)")) {
        for (int id = 1; id <= ORDERS; id++) {
          insert.setInt(1, id);
          insert.setInt(2, productOf(id));
          insert.setInt(3, quantityOf(id));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /** The seeded price of product {@code id}: 1.00 to 9.99, spread by a multiplier. */
  static int unitPriceCents(int productId) {
    return 100 + productId * 37 % 900;
  }

  /** The seeded stock of product {@code id}: 0 to 12, so some orders cannot be served. */
  static int stock(int productId) {
    return productId * 7 % 13;
  }

  /** The seeded product of order {@code id}. */
  static int productOf(int orderId) {
    return orderId % PRODUCTS + 1;
  }

  /** The seeded quantity of order {@code id}: 1 to 5. */
  static int quantityOf(int orderId) {
    return orderId % 5 + 1;
  }

  /**
   * Counts one view of order {@code id} and reads it back, on one pooled connection: an update
   * and a query, the two statements of a typical read-mostly request.
   *
   * @return the order with this view counted, or empty when there is no such order
   */
  Optional<Order> view(int id) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement update = connection.prepareStatement(VIEW)) {
        update.setInt(1, id);
        if (update.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      try (PreparedStatement find = connection.prepareStatement(FIND)) {
        find.setInt(1, id);
        try (ResultSet row = find.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
          return Optional.of(
              new Order(
                  row.getInt(1),
                  row.getInt(2),
                  row.getString(3),
                  row.getInt(4),
                  row.getInt(5),
                  row.getInt(6)));
        }
      }
    }
  }

  /** The stock of product {@code id}, or empty when there is no such product. */
  OptionalInt stockOf(int productId) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement find = connection.prepareStatement(STOCK)) {
      find.setInt(1, productId);
      try (ResultSet row = find.executeQuery()) {
        return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
      }
    }
  }

  /** Drops the database (the URL keeps it alive otherwise) and closes the pool. */
  @Override
  public void close() {
    try (Connection connection = pool.getConnection();
        Statement shutdown = connection.createStatement()) {
      shutdown.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already gone or unreachable: closing the pool below is all that is left to do.
    } finally {
      pool.close();
    }
  }
}
