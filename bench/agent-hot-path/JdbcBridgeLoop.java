import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;

/**
 * The JDBC bridge's per-request work as the plain Java demo's /api/order does it, in a loop:
 * three statements, each prepared through three nested {@code prepareStatement} levels (HikariCP's
 * proxy connection and its base class, both returning the proxy statement, and H2's connection) and
 * executed through three nested execute levels, each statement a new object that becomes garbage,
 * as in the app (the counts per request were taken from the demo with counters in the bridges). Prints the thread's
 * CPU time per request and the allocation per request, for the agent classes on the class path.
 *
 * <p>Works with the bridge before session 7 ({@code prepared(Object, String)} at every level) and
 * after ({@code enterPrepare()} and {@code prepared(boolean, Object, String)}), found by
 * reflection, so one harness compares two agent builds. The recorder is a no-op: this measures the
 * bridge, not Micrometer.
 *
 * <p>Only this thread's CPU is counted: the garbage collector's and the reference handler's work
 * for weak references (one per remembered statement) comes on top.
 *
 * <p>Usage: {@code bench/agent-jdbc-bridge.sh [agent jar ...]}
 */
public final class JdbcBridgeLoop {

  private static final String[] SQL = {
    "UPDATE orders SET views = views + 1 WHERE id = ?",
    "SELECT o.id FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?",
    "SELECT stock FROM products WHERE id = ?"
  };
  private static final int LEVELS = 3;

  // Constants, so that the JIT inlines the bridge calls as it does in instrumented code.
  private static final MethodHandle ENTER;
  private static final MethodHandle EXIT;
  private static final MethodHandle ENTER_PREPARE;
  private static final MethodHandle PREPARED;
  private static final boolean OUTERMOST_ONLY;

  static {
    try {
      Class<?> bridge = Class.forName("dev.vigil.agent.bootstrap.JdbcBridge");
      Class<?> recorderType = Class.forName("dev.vigil.agent.bootstrap.JdbcRecorder");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Object recorder =
          Proxy.newProxyInstance(
              recorderType.getClassLoader(), new Class<?>[] {recorderType}, (p, m, a) -> null);
      lookup
          .findStatic(bridge, "setRecorder", MethodType.methodType(void.class, recorderType))
          .invoke(recorder);
      ENTER = lookup.findStatic(bridge, "enter", MethodType.methodType(long.class));
      EXIT =
          lookup.findStatic(
              bridge,
              "exit",
              MethodType.methodType(
                  void.class, long.class, Object.class, String.class, String.class,
                  Throwable.class));
      MethodHandle enterPrepare;
      MethodHandle prepared;
      try {
        enterPrepare =
            lookup.findStatic(bridge, "enterPrepare", MethodType.methodType(boolean.class));
        prepared =
            lookup.findStatic(
                bridge,
                "prepared",
                MethodType.methodType(void.class, boolean.class, Object.class, String.class));
      } catch (NoSuchMethodException e) {
        // The bridge before session 7: no depth for prepares; adapt to the same shape.
        enterPrepare = MethodHandles.constant(boolean.class, true);
        prepared =
            MethodHandles.dropArguments(
                lookup.findStatic(
                    bridge,
                    "prepared",
                    MethodType.methodType(void.class, Object.class, String.class)),
                0,
                boolean.class);
      }
      OUTERMOST_ONLY = bridgeHas(bridge, "enterPrepare");
      ENTER_PREPARE = enterPrepare;
      PREPARED = prepared;
    } catch (Throwable e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private JdbcBridgeLoop() {}

  private static boolean bridgeHas(Class<?> bridge, String method) {
    for (java.lang.reflect.Method m : bridge.getMethods()) {
      if (m.getName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) throws Throwable {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    System.out.println(
        "bridge: " + (OUTERMOST_ONLY ? "outermost prepare only" : "every prepare level"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
    long tid = Thread.currentThread().getId();
    for (int round = 0; round < 3; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long bytes0 = allocation.getThreadAllocatedBytes(tid);
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      long requests = 0;
      while (System.nanoTime() < until) {
        for (int batch = 0; batch < 1000; batch++) {
          request();
        }
        requests += 1000;
      }
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long bytes = allocation.getThreadAllocatedBytes(tid) - bytes0;
      System.out.printf(
          "round %d: %d requests, %.0f ns CPU and %.0f bytes allocated per request%n",
          round + 1, requests, (double) cpu / requests, (double) bytes / requests);
    }
  }

  private static void request() throws Throwable {
    for (String sql : SQL) {
      // Three levels unrolled: proxy connection, its base class, the driver.
      Object proxy = new Object();
      Object base = proxy;
      Object driver = new Object();
      boolean outer = (boolean) ENTER_PREPARE.invokeExact();
      boolean middle = (boolean) ENTER_PREPARE.invokeExact();
      boolean inner = (boolean) ENTER_PREPARE.invokeExact();
      // Innermost returns first: the driver's statement, then the proxy around it (twice).
      PREPARED.invokeExact(inner, driver, sql);
      PREPARED.invokeExact(middle, base, sql);
      PREPARED.invokeExact(outer, proxy, sql);
      long outerStart = (long) ENTER.invokeExact();
      long middleStart = (long) ENTER.invokeExact();
      long innerStart = (long) ENTER.invokeExact();
      EXIT.invokeExact(innerStart, driver, (String) null, "executeQuery", (Throwable) null);
      EXIT.invokeExact(middleStart, base, (String) null, "executeQuery", (Throwable) null);
      EXIT.invokeExact(outerStart, proxy, (String) null, "executeQuery", (Throwable) null);
    }
  }
}
