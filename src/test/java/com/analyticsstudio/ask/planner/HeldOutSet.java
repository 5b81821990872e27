package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.EvaluationSet.Case;
import java.util.List;

/**
 * Held-out questions: over datasets the planner's rules were never developed on (project {@code
 * heldout} of {@link EvaluationFixture}: penguins, barley, US census population, CO2 concentration,
 * unemployment across industries), written before any rule change of issue #18, expected answers as
 * hand-written SQL. Run by {@code PlannerHeldOutIT} only when a change to the planner is finished;
 * never tune on its failures — replace a question whose failure was looked at.
 */
final class HeldOutSet {
  private HeldOutSet() {}

  static Case ask(String question, String expected) {
    return new Case("heldout", null, question, expected, false);
  }

  static Case ordered(String question, String expected) {
    return new Case("heldout", null, question, expected, true);
  }

  static Case followUp(String previous, String question, String expected, boolean ordered) {
    return new Case("heldout", previous, question, expected, ordered);
  }

  static final List<Case> CASES =
      List.of(
          // ---- penguins ----
          ask("how many penguins are there?", "SELECT count(*) FROM penguins"),
          ask(
              "average body mass by species",
              "SELECT species, avg(body_mass_g) FROM penguins GROUP BY 1"),
          ask(
              "how many penguins live on each island",
              "SELECT island, count(*) FROM penguins GROUP BY 1"),
          ordered(
              "which species has the longest flippers on average",
              "SELECT species, avg(flipper_length_mm) FROM penguins GROUP BY 1 ORDER BY 2 DESC LIMIT 1"),
          ask(
              "what share of penguins are Gentoo",
              "SELECT 100.0 * count(*) FILTER (WHERE species = 'Gentoo') / count(*) FROM penguins"),
          ask(
              "average beak length of female penguins",
              "SELECT avg(beak_length_mm) FROM penguins WHERE sex = 'FEMALE'"),
          ask(
              "how many Adelie penguins are on Dream island",
              "SELECT count(*) FROM penguins WHERE species = 'Adelie' AND island = 'Dream'"),
          ordered(
              "the heaviest penguin",
              "SELECT * FROM penguins ORDER BY body_mass_g DESC NULLS LAST LIMIT 1"),
          ask(
              "how many penguins weigh more than 5000 grams",
              "SELECT count(*) FROM penguins WHERE body_mass_g > 5000"),
          ask(
              "average flipper length by species and sex",
              "SELECT species, sex, avg(flipper_length_mm) FROM penguins GROUP BY 1, 2"),
          followUp(
              "average body mass by species",
              "only males",
              "SELECT species, avg(body_mass_g) FROM penguins WHERE sex = 'MALE' GROUP BY 1",
              false),
          followUp(
              "how many penguins on Biscoe",
              "what about Torgersen?",
              "SELECT count(*) FROM penguins WHERE island = 'Torgersen'",
              false),
          ask(
              "max beak depth per island",
              "SELECT island, max(beak_depth_mm) FROM penguins GROUP BY 1"),
          ask(
              "number of penguins with a beak length between 40 and 45 mm",
              "SELECT count(*) FROM penguins WHERE beak_length_mm BETWEEN 40 AND 45"),
          ask("beak length vs beak depth", "SELECT beak_length_mm, beak_depth_mm FROM penguins"),
          ask(
              "percentage of penguins by species",
              "SELECT species, 100.0 * count(*) / sum(count(*)) OVER () FROM penguins GROUP BY 1"),

          // ---- barley ----
          ask("total yield by variety", "SELECT variety, sum(yield) FROM barley GROUP BY 1"),
          ask("average yield per site", "SELECT site, avg(yield) FROM barley GROUP BY 1"),
          ordered(
              "which site had the highest average yield",
              "SELECT site, avg(yield) FROM barley GROUP BY 1 ORDER BY 2 DESC LIMIT 1"),
          ask(
              "compare the total yield of 1931 and 1932",
              "SELECT year, sum(yield) FROM barley WHERE year IN (1931, 1932) GROUP BY 1"),
          ask(
              "average yield of Manchuria at Waseca",
              "SELECT avg(yield) FROM barley WHERE variety = 'Manchuria' AND site = 'Waseca'"),
          ordered(
              "top 3 varieties by average yield",
              "SELECT variety, avg(yield) FROM barley GROUP BY 1 ORDER BY 2 DESC LIMIT 3"),
          ask(
              "how many records have a yield above 50",
              "SELECT count(*) FROM barley WHERE yield > 50"),
          ask(
              "total yield in 1932 by site",
              "SELECT site, sum(yield) FROM barley WHERE year = 1932 GROUP BY 1"),
          ask("lowest yield", "SELECT min(yield) FROM barley"),
          followUp(
              "average yield by site",
              "and by year?",
              "SELECT site, year, avg(yield) FROM barley GROUP BY 1, 2",
              false),
          ask("how many varieties are there", "SELECT count(DISTINCT variety) FROM barley"),
          ordered(
              "average yield of Trebi per year",
              "SELECT year, avg(yield) FROM barley WHERE variety = 'Trebi' GROUP BY 1 ORDER BY 1"),

          // ---- US census population (year, age group, sex code, people) ----
          ask("total people in 2000", "SELECT sum(people) FROM population WHERE year = 2000"),
          ordered(
              "total people per year",
              "SELECT year, sum(people) FROM population GROUP BY 1 ORDER BY 1"),
          ask(
              "number of people of age 0 in 1900",
              "SELECT sum(people) FROM population WHERE age = 0 AND year = 1900"),
          ordered(
              "which year had the most people",
              "SELECT year, sum(people) FROM population GROUP BY 1 ORDER BY 2 DESC LIMIT 1"),
          ask(
              "total people by age in 2000",
              "SELECT age, sum(people) FROM population WHERE year = 2000 GROUP BY 1"),
          ask("people by sex", "SELECT sex, sum(people) FROM population GROUP BY 1"),
          ask(
              "how many people were 90 or older in 2000",
              "SELECT sum(people) FROM population WHERE age >= 90 AND year = 2000"),
          ordered(
              "total people per year between 1950 and 1970",
              "SELECT year, sum(people) FROM population WHERE year BETWEEN 1950 AND 1970 GROUP BY 1 ORDER BY 1"),
          ask("average people per age", "SELECT age, avg(people) FROM population GROUP BY 1"),
          followUp(
              "total people per year",
              "only age 20",
              "SELECT year, sum(people) FROM population WHERE age = 20 GROUP BY 1 ORDER BY 1",
              true),
          ask(
              "what share of people in 2000 were younger than 20",
              "SELECT 100.0 * sum(people) FILTER (WHERE age < 20) / sum(people) FROM population WHERE year = 2000"),
          ask("how many distinct ages are there", "SELECT count(DISTINCT age) FROM population"),

          // ---- CO2 concentration (monthly) ----
          ordered(
              "average co2 per year",
              "SELECT date_trunc('year', date)::date, avg(co2) FROM co2_concentration GROUP BY 1 ORDER BY 1"),
          ask("highest co2 concentration", "SELECT max(co2) FROM co2_concentration"),
          ordered("co2 over time", "SELECT date, co2 FROM co2_concentration ORDER BY 1"),
          ask(
              "average adjusted co2 in 2010",
              "SELECT avg(adjusted_co2) FROM co2_concentration WHERE date >= '2010-01-01' AND date < '2011-01-01'"),
          ordered(
              "average co2 by month of year",
              "SELECT extract(month FROM date)::int, avg(co2) FROM co2_concentration GROUP BY 1 ORDER BY 1"),
          ask(
              "how many measurements are above 400",
              "SELECT count(*) FROM co2_concentration WHERE co2 > 400"),
          ordered(
              "which year had the lowest average co2",
              "SELECT date_trunc('year', date)::date, avg(co2) FROM co2_concentration GROUP BY 1 ORDER BY 2 ASC LIMIT 1"),
          ordered(
              "monthly co2 in 2019",
              "SELECT date_trunc('month', date)::date, avg(co2) FROM co2_concentration WHERE date >= '2019-01-01' AND date < '2020-01-01' GROUP BY 1 ORDER BY 1"),
          ask("when was the first co2 measurement", "SELECT min(date) FROM co2_concentration"),
          ask(
              "average co2 between 1990 and 1999",
              "SELECT avg(co2) FROM co2_concentration WHERE date >= '1990-01-01' AND date < '2000-01-01'"),
          followUp(
              "average co2 per year",
              "only since 2000",
              "SELECT date_trunc('year', date)::date, avg(co2) FROM co2_concentration WHERE date >= '2000-01-01' GROUP BY 1 ORDER BY 1",
              true),
          ask(
              "average co2 in summer 2015",
              "SELECT avg(co2) FROM co2_concentration WHERE date >= '2015-06-01' AND date < '2015-09-01'"),

          // ---- unemployment across industries (series, year, month, count, rate, date) ----
          ask(
              "total unemployed count by series",
              "SELECT series, sum(count) FROM unemployment_across_industries GROUP BY 1"),
          ask(
              "average rate by series",
              "SELECT series, avg(rate) FROM unemployment_across_industries GROUP BY 1"),
          ask(
              "average rate of Construction in 2009",
              "SELECT avg(rate) FROM unemployment_across_industries WHERE series = 'Construction' AND year = 2009"),
          ordered(
              "which series had the highest average rate in 2010",
              "SELECT series, avg(rate) FROM unemployment_across_industries WHERE year = 2010 GROUP BY 1 ORDER BY 2 DESC LIMIT 1"),
          ask(
              "maximum unemployment count in Manufacturing",
              "SELECT max(count) FROM unemployment_across_industries WHERE series = 'Manufacturing'"),
          ordered(
              "average rate by month of year",
              "SELECT month, avg(rate) FROM unemployment_across_industries GROUP BY 1 ORDER BY 1"),
          ask(
              "how many rows for Finance",
              "SELECT count(*) FROM unemployment_across_industries WHERE series = 'Finance'"),
          ask(
              "compare the average rate of Finance and Construction",
              "SELECT series, avg(rate) FROM unemployment_across_industries WHERE series IN ('Finance', 'Construction') GROUP BY 1"),
          ask(
              "total count of unemployed in Agriculture in 2008",
              "SELECT sum(count) FROM unemployment_across_industries WHERE series = 'Agriculture' AND year = 2008"),
          ordered(
              "Government unemployment rate over time",
              "SELECT date, rate FROM unemployment_across_industries WHERE series = 'Government' ORDER BY 1"),
          followUp(
              "average rate by series",
              "only in 2003",
              "SELECT series, avg(rate) FROM unemployment_across_industries WHERE year = 2003 GROUP BY 1",
              false),
          ask(
              "how many months had a Construction rate above 10",
              "SELECT count(*) FROM unemployment_across_industries WHERE series = 'Construction' AND rate > 10"),
          ask(
              "lowest unemployment rate in Government",
              "SELECT min(rate) FROM unemployment_across_industries WHERE series = 'Government'"));
}
