package org.lavender.results.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import org.lavender.shared.Sex;

/**
 * The calculated tests Lavender knows (clinical reference §1): each a pure formula over analytes of one specimen,
 * identified by LOINC, computed from the values as reported and rounded half-up once, at the end. Which of them a
 * lab reports, and into which catalog test, is data (table results.calculation).
 */
enum Calculator {

    /** CKD-EPI 2021 race-free creatinine equation (Inker et al., NEJM 2021;385:1737). */
    EGFR_CKD_EPI_2021_CR("eGFR CKD-EPI 2021 (creatinine)", Analyte.CREATININE) {
        @Override
        Calculation compute(CalculationInputs in) {
            Optional<String> refusal = adultWithSex(in, "eGFR CKD-EPI 2021");
            if (refusal.isPresent()) {
                return Calculation.refused(refusal.get());
            }
            boolean female = in.sex() == Sex.FEMALE;
            double kappa = female ? 0.7 : 0.9;
            double alpha = female ? -0.241 : -0.302;
            double ratio = in.in(Analyte.CREATININE.loinc, "mg/dL") / kappa;
            double egfr = 142 * Math.pow(Math.min(ratio, 1), alpha) * Math.pow(Math.max(ratio, 1), -1.200)
                    * Math.pow(0.9938, in.ageYears()) * (female ? 1.012 : 1);
            return Calculation.of(egfr, 0, EGFR_UNIT);
        }
    },

    /** CKD-EPI 2021 creatinine–cystatin C equation; cystatin C standardised, in mg/L. */
    EGFR_CKD_EPI_2021_CR_CYS("eGFR CKD-EPI 2021 (creatinine-cystatin C)", Analyte.CREATININE, Analyte.CYSTATIN_C) {
        @Override
        Calculation compute(CalculationInputs in) {
            Optional<String> refusal = adultWithSex(in, "eGFR CKD-EPI 2021 creatinine-cystatin C");
            if (refusal.isPresent()) {
                return Calculation.refused(refusal.get());
            }
            boolean female = in.sex() == Sex.FEMALE;
            double kappa = female ? 0.7 : 0.9;
            double alpha = female ? -0.219 : -0.144;
            double cr = in.in(Analyte.CREATININE.loinc, "mg/dL") / kappa;
            double cys = in.in(Analyte.CYSTATIN_C.loinc, "mg/L") / 0.8;
            double egfr = 135 * Math.pow(Math.min(cr, 1), alpha) * Math.pow(Math.max(cr, 1), -0.544)
                    * Math.pow(Math.min(cys, 1), -0.323) * Math.pow(Math.max(cys, 1), -0.778)
                    * Math.pow(0.9961, in.ageYears()) * (female ? 0.963 : 1);
            return Calculation.of(egfr, 0, EGFR_UNIT);
        }
    },

    /** Na − (Cl + HCO3). */
    ANION_GAP("Anion gap", Analyte.SODIUM, Analyte.CHLORIDE, Analyte.BICARBONATE) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal gap = mmol(in, Analyte.SODIUM)
                    .subtract(mmol(in, Analyte.CHLORIDE).add(mmol(in, Analyte.BICARBONATE)));
            return Calculation.of(gap, 0, "mmol/L");
        }
    },

    /** (Na + K) − (Cl + HCO3). */
    ANION_GAP_K("Anion gap with potassium", Analyte.SODIUM, Analyte.POTASSIUM, Analyte.CHLORIDE, Analyte.BICARBONATE) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal gap = mmol(in, Analyte.SODIUM).add(mmol(in, Analyte.POTASSIUM))
                    .subtract(mmol(in, Analyte.CHLORIDE).add(mmol(in, Analyte.BICARBONATE)));
            return Calculation.of(gap, 0, "mmol/L");
        }
    },

    /**
     * Payne: Ca + 0.8 × (4.0 − albumin g/dL) in mg/dL; in SI Ca + 0.02 × (40 − albumin g/L) in mmol/L. Reported in
     * the unit the calcium was reported in.
     */
    CORRECTED_CALCIUM("Calcium, albumin-corrected", Analyte.CALCIUM, Analyte.ALBUMIN) {
        @Override
        Calculation compute(CalculationInputs in) {
            String calciumUnit = in.get(Analyte.CALCIUM.loinc).orElseThrow().unit();
            if ("mmol/L".equals(calciumUnit)) {
                BigDecimal ca = in.exact(Analyte.CALCIUM.loinc, "mmol/L");
                BigDecimal alb = in.exact(Analyte.ALBUMIN.loinc, "g/L");
                return Calculation.of(ca.add(new BigDecimal("0.02").multiply(new BigDecimal(40).subtract(alb))), 2,
                        "mmol/L");
            }
            BigDecimal ca = in.exact(Analyte.CALCIUM.loinc, "mg/dL");
            BigDecimal alb = in.exact(Analyte.ALBUMIN.loinc, "g/dL");
            return Calculation.of(ca.add(new BigDecimal("0.8").multiply(new BigDecimal("4.0").subtract(alb))), 1,
                    "mg/dL");
        }
    },

    /** Friedewald 1972: TC − HDL − TG/5 (mg/dL); invalid above TG 400 mg/dL (TG = 400 still allowed). */
    LDL_FRIEDEWALD("LDL cholesterol (Friedewald)", Analyte.CHOLESTEROL, Analyte.HDL, Analyte.TRIGLYCERIDE) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal tg = in.exact(Analyte.TRIGLYCERIDE.loinc, "mg/dL");
            if (tg.compareTo(new BigDecimal(400)) > 0) {
                return Calculation.refused("Friedewald LDL not calculated: triglyceride " + plain(tg)
                        + " mg/dL > 400 mg/dL; measure LDL cholesterol directly");
            }
            BigDecimal ldl = in.exact(Analyte.CHOLESTEROL.loinc, "mg/dL").subtract(in.exact(Analyte.HDL.loinc, "mg/dL"))
                    .subtract(tg.divide(new BigDecimal(5), MathContext.DECIMAL64));
            return Calculation.of(ldl, 0, "mg/dL");
        }
    },

    /** Sampson / NIH equation 2 (JAMA Cardiol 2020); valid up to TG 800 mg/dL. */
    LDL_SAMPSON("LDL cholesterol (Sampson/NIH)", Analyte.CHOLESTEROL, Analyte.HDL, Analyte.TRIGLYCERIDE) {
        @Override
        Calculation compute(CalculationInputs in) {
            double tg = in.in(Analyte.TRIGLYCERIDE.loinc, "mg/dL");
            if (tg > 800) {
                return Calculation.refused("Sampson LDL not calculated: triglyceride " + plain(BigDecimal.valueOf(tg))
                        + " mg/dL > 800 mg/dL; measure LDL cholesterol directly");
            }
            double tc = in.in(Analyte.CHOLESTEROL.loinc, "mg/dL");
            double hdl = in.in(Analyte.HDL.loinc, "mg/dL");
            double ldl = tc / 0.948 - hdl / 0.971 - (tg / 8.56 + tg * (tc - hdl) / 2140 - tg * tg / 16100) - 9.44;
            return Calculation.of(ldl, 0, "mg/dL");
        }
    },

    /** TC − HDL. */
    NON_HDL("Non-HDL cholesterol", Analyte.CHOLESTEROL, Analyte.HDL) {
        @Override
        Calculation compute(CalculationInputs in) {
            return Calculation.of(in.exact(Analyte.CHOLESTEROL.loinc, "mg/dL")
                    .subtract(in.exact(Analyte.HDL.loinc, "mg/dL")), 0, "mg/dL");
        }
    },

    /** 2 × Na + glucose + urea, all in mmol/L (= 2 × Na + glucose mg/dL / 18 + BUN mg/dL / 2.8). */
    OSMOLALITY("Osmolality, calculated", Analyte.SODIUM, Analyte.GLUCOSE, Analyte.UREA_NITROGEN) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal osm = new BigDecimal(2).multiply(mmol(in, Analyte.SODIUM))
                    .add(in.exact(Analyte.GLUCOSE.loinc, "mmol/L")).add(in.exact(Analyte.UREA_NITROGEN.loinc, "mmol/L"));
            return Calculation.of(osm, 0, "mosm/kg");
        }
    },

    /** Total protein − albumin. */
    GLOBULIN("Globulin", Analyte.TOTAL_PROTEIN, Analyte.ALBUMIN) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal globulin = globulin(in);
            if (globulin.signum() <= 0) {
                return Calculation.refused(NO_GLOBULIN);
            }
            return Calculation.of(globulin, 1, "g/dL");
        }
    },

    /** Albumin / (total protein − albumin). */
    AG_RATIO("Albumin/globulin ratio", Analyte.TOTAL_PROTEIN, Analyte.ALBUMIN) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal globulin = globulin(in);
            if (globulin.signum() <= 0) {
                return Calculation.refused(NO_GLOBULIN);
            }
            return Calculation.of(in.exact(Analyte.ALBUMIN.loinc, "g/dL").divide(globulin, MathContext.DECIMAL64), 1,
                    "{ratio}");
        }
    },

    /** BUN (mg/dL) / creatinine (mg/dL); SI inputs are converted first, as the ratio is defined in mg/dL. */
    BUN_CREATININE("BUN/creatinine ratio", Analyte.UREA_NITROGEN, Analyte.CREATININE) {
        @Override
        Calculation compute(CalculationInputs in) {
            BigDecimal creatinine = in.exact(Analyte.CREATININE.loinc, "mg/dL");
            if (creatinine.signum() <= 0) {
                return Calculation.refused("BUN/creatinine ratio not calculated: creatinine is " + plain(creatinine));
            }
            return Calculation.of(in.exact(Analyte.UREA_NITROGEN.loinc, "mg/dL")
                    .divide(creatinine, MathContext.DECIMAL64), 0, "{ratio}");
        }
    },

    /**
     * INR = (PT / MNPT)^ISI (WHO), with the ISI and mean normal PT of the thromboplastin lot in effect for the
     * analyzer that measured the PT; reported to 1 decimal. Without a configured lot there is no INR.
     */
    INR("INR", Analyte.PROTHROMBIN_TIME) {
        @Override
        Calculation compute(CalculationInputs in) {
            CalculationInputs.Thromboplastin lot = in.thromboplastin();
            if (lot == null) {
                return Calculation.refused("INR not calculated: no thromboplastin lot with ISI and mean normal PT is"
                        + " in effect for the analyzer that measured the PT; enter the lot on the INR page");
            }
            BigDecimal pt = in.exact(Analyte.PROTHROMBIN_TIME.loinc, "s");
            if (pt.signum() <= 0) {
                return Calculation.refused("INR not calculated: prothrombin time " + plain(pt) + " s is not positive");
            }
            double ratio = pt.doubleValue() / lot.mnptSeconds().doubleValue();
            return Calculation.of(Math.pow(ratio, lot.isi().doubleValue()), 1, "{INR}").basedOn(lot.text());
        }
    };

    static final String EGFR_UNIT = "mL/min/{1.73_m2}";
    private static final String NO_GLOBULIN =
            "Globulin not calculated: total protein is not greater than albumin; check both values";

    /** The analytes calculators read, by LOINC (clinical reference §2). */
    enum Analyte {
        SODIUM("2951-2", "sodium"), POTASSIUM("2823-3", "potassium"), CHLORIDE("2075-0", "chloride"),
        BICARBONATE("2028-9", "total CO2"), GLUCOSE("2345-7", "glucose"), UREA_NITROGEN("3094-0", "urea nitrogen"),
        CREATININE("2160-0", "creatinine"), CYSTATIN_C("33863-2", "cystatin C"), CALCIUM("17861-6", "calcium"),
        ALBUMIN("1751-7", "albumin"), TOTAL_PROTEIN("2885-2", "total protein"), CHOLESTEROL("2093-3", "cholesterol"),
        HDL("2085-9", "HDL cholesterol"), TRIGLYCERIDE("2571-8", "triglyceride"),
        PROTHROMBIN_TIME("5902-2", "prothrombin time");

        final String loinc;
        final String label;

        Analyte(String loinc, String label) {
            this.loinc = loinc;
            this.label = label;
        }
    }

    private final String label;
    private final List<Analyte> inputs;

    Calculator(String label, Analyte... inputs) {
        this.label = label;
        this.inputs = List.of(inputs);
    }

    String label() {
        return label;
    }

    List<String> inputLoincs() {
        return inputs.stream().map(a -> a.loinc).toList();
    }

    boolean uses(String loinc) {
        return inputs.stream().anyMatch(a -> a.loinc.equals(loinc));
    }

    /** All inputs present (exact or not): the calculation can be decided, as a number or a refusal. */
    boolean computable(CalculationInputs in) {
        return inputs.stream().allMatch(a -> in.get(a.loinc).isPresent());
    }

    /**
     * The result, or a refusal with its reason when an input is reported with a comparator ("<0.2": no exact number
     * to calculate from), cannot be brought to the formula's unit, or the formula is outside its validity.
     */
    Calculation apply(CalculationInputs in) {
        if (!computable(in)) {
            throw new IllegalStateException(label + " needs " + inputLoincs());
        }
        for (Analyte a : inputs) {
            CalculationInputs.Measurement m = in.get(a.loinc).orElseThrow();
            if (m.comparator() != null) {
                return Calculation.refused(label + " not calculated: " + a.label + " was reported as "
                        + m.comparator() + plain(m.value()) + (m.unit() == null ? "" : " " + m.unit())
                        + ", not an exact value");
            }
        }
        try {
            return compute(in);
        } catch (AnalyteUnits.UnconvertibleUnit e) {
            return Calculation.refused(label + " not calculated: " + e.getMessage());
        }
    }

    abstract Calculation compute(CalculationInputs in);

    private static Optional<String> adultWithSex(CalculationInputs in, String equation) {
        if (in.ageYears() < 18) {
            return Optional.of(equation + " is validated for adults only (age ≥ 18 y); the patient was "
                    + in.ageYears() + " y at collection");
        }
        if (in.sex() != Sex.MALE && in.sex() != Sex.FEMALE) {
            return Optional.of(equation + " needs the patient's sex (male or female); recorded as "
                    + in.sex().fhir());
        }
        return Optional.empty();
    }

    private static BigDecimal mmol(CalculationInputs in, Analyte a) {
        return in.exact(a.loinc, "mmol/L");
    }

    private static BigDecimal globulin(CalculationInputs in) {
        return in.exact(Analyte.TOTAL_PROTEIN.loinc, "g/dL").subtract(in.exact(Analyte.ALBUMIN.loinc, "g/dL"));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
