package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlOperationsTest {

  @Test
  void readsTheFirstKeywordInUpperCase() {
    assertThat(SqlOperations.of("select * from orders")).isEqualTo("SELECT");
    assertThat(SqlOperations.of("Insert into orders values (?)")).isEqualTo("INSERT");
  }

  @Test
  void skipsBlanksCommentsAndParentheses() {
    assertThat(SqlOperations.of("\n  -- nightly\n/* job 7 */ ( SELECT 1) UNION (SELECT 2)"))
        .isEqualTo("SELECT");
  }

  @Test
  void recognisesJdbcCallEscapes() {
    assertThat(SqlOperations.of("{? = call next_id(?)}")).isEqualTo("CALL");
  }

  @Test
  void reportsKeywordsOutsideTheTableAsOther() {
    assertThat(SqlOperations.of("VACUUM orders")).isEqualTo("OTHER");
    assertThat(SqlOperations.of("'; drop table x")).isEqualTo("OTHER");
    assertThat(SqlOperations.of("")).isEqualTo("OTHER");
  }

  @Test
  void reportsUnknownSqlAsUnknown() {
    assertThat(SqlOperations.of(null)).isEqualTo("UNKNOWN");
  }

  @Test
  void staysInsideAnUnterminatedComment() {
    assertThat(SqlOperations.of("/* never closed")).isEqualTo("OTHER");
  }
}
