-- Starter catalog: a general hospital lab's core menu. Codes, units and limits follow
-- docs/clinical-reference.md §2 (critical sources UIHC, ARUP, HM, HB as listed there). Reference intervals are
-- typical published adult values: every lab must replace them with its own method-specific intervals.
-- LOINC codes were checked for format and check digit; codes marked "confirm" should be checked against the
-- LOINC table before go-live.

insert into catalog.section (code, name, self_verification_allowed, sort_order) values
    ('CHEM',   'Chemistry',    true,  1),
    ('HEME',   'Hematology',   true,  2),
    ('COAG',   'Coagulation',  true,  3),
    ('UA',     'Urinalysis',   true,  4),
    -- Culture work-ups and serology releases are reviewed by a second person in most labs.
    ('MICRO',  'Microbiology', false, 5),
    ('IMMUNO', 'Immunology',   false, 6);

-- CLSI GP41 order of draw: blood cultures, citrate, serum (plain, SST), heparin, EDTA, fluoride/oxalate.
-- Royal blue (EDTA, trace elements) is drawn with the EDTA tubes, before fluoride.
insert into catalog.container_type (code, name, cap_colour, colour_hex, additive, draw_volume_ml, specimen_type,
                                    draw_order) values
    ('BCB',   'Blood culture bottle',             'yellow',       '#E8C21A', 'broth with SPS',                        10.0, 'blood',              1),
    ('LBLU',  'Light blue citrate 3.2%',          'light blue',   '#7FB9E6', '3.2% sodium citrate (9:1)',              2.7, 'plasma (citrated)',  2),
    ('RED',   'Red plain',                        'red',          '#C62828', 'none / clot activator',                  6.0, 'serum',              3),
    ('GOLD',  'Gold SST',                         'gold',         '#D4A017', 'clot activator + gel',                   5.0, 'serum',              4),
    ('LGRN',  'Light green lithium heparin (PST)','light green',  '#7CB342', 'lithium heparin + gel',                  4.5, 'plasma (heparin)',   5),
    ('LAV',   'Lavender K2EDTA',                  'lavender',     '#9575CD', 'K2EDTA',                                 4.0, 'whole blood (EDTA)', 6),
    ('RBLU',  'Royal blue K2EDTA (trace elements)','royal blue',  '#1E3A8A', 'K2EDTA, trace-element free',             6.0, 'whole blood (EDTA)', 7),
    ('GREY',  'Grey fluoride/oxalate',            'grey',         '#9E9E9E', 'sodium fluoride + potassium oxalate',    4.0, 'plasma (fluoride)',  8),
    ('UCUP',  'Urine cup',                        'white',        '#F5F5F5', 'none',                                  null, 'urine',             90),
    ('STCUP', 'Sterile urine cup (culture)',      'red',          '#E53935', 'none, sterile',                         null, 'urine',             91),
    ('SWAB',  'Culture swab (Amies)',             'blue',         '#1976D2', 'Amies transport medium',                null, 'swab',              92);

insert into catalog.test (code, loinc, name, section_code, result_type, unit, decimals, specimen_type, container_code,
                          answers, abnormal_answers, calculated, orderable) values
    -- Chemistry (serum, gold SST unless the analyte needs another tube)
    ('NA',      '2951-2',  'Sodium',                         'CHEM', 'NUMERIC', 'mmol/L',  0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('K',       '2823-3',  'Potassium',                      'CHEM', 'NUMERIC', 'mmol/L',  1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CL',      '2075-0',  'Chloride',                       'CHEM', 'NUMERIC', 'mmol/L',  0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CO2',     '2028-9',  'Carbon dioxide, total',          'CHEM', 'NUMERIC', 'mmol/L',  0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('GLU',     '2345-7',  'Glucose',                        'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('BUN',     '3094-0',  'Urea nitrogen (BUN)',            'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CREA',    '2160-0',  'Creatinine',                     'CHEM', 'NUMERIC', 'mg/dL',   2, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CA',      '17861-6', 'Calcium, total',                 'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('ICA',     '1994-3',  'Calcium, ionized',               'CHEM', 'NUMERIC', 'mmol/L',  2, 'whole blood (heparin)', 'LGRN', '{}', '{}', false, true),
    ('MG',      '19123-9', 'Magnesium',                      'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('PHOS',    '2777-1',  'Phosphate',                      'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('ALB',     '1751-7',  'Albumin',                        'CHEM', 'NUMERIC', 'g/dL',    1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('TP',      '2885-2',  'Protein, total',                 'CHEM', 'NUMERIC', 'g/dL',    1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('ALT',     '1742-6',  'Alanine aminotransferase (ALT)', 'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('AST',     '1920-8',  'Aspartate aminotransferase (AST)','CHEM','NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('ALP',     '6768-6',  'Alkaline phosphatase',           'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('TBIL',    '1975-2',  'Bilirubin, total',               'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('DBIL',    '1968-7',  'Bilirubin, direct',              'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('TROPHS',  '89579-7', 'Troponin I, high-sensitivity',   'CHEM', 'NUMERIC', 'ng/L',    0, 'plasma (heparin)', 'LGRN', '{}', '{}', false, true),
    ('LACT',    '2524-7',  'Lactate',                        'CHEM', 'NUMERIC', 'mmol/L',  1, 'plasma (fluoride)', 'GREY', '{}', '{}', false, true),
    ('CRP',     '1988-5',  'C-reactive protein',             'CHEM', 'NUMERIC', 'mg/L',    1, 'serum', 'GOLD', '{}', '{}', false, true),
    ('HBA1C',   '4548-4',  'Hemoglobin A1c',                 'CHEM', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('CYSC',    '33863-2', 'Cystatin C',                     'CHEM', 'NUMERIC', 'mg/L',    2, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CHOL',    '2093-3',  'Cholesterol, total',             'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('TRIG',    '2571-8',  'Triglyceride',                   'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('HDL',     '2085-9',  'HDL cholesterol',                'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('LDH',     '2532-0',  'Lactate dehydrogenase (LD)',     'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('GGT',     '2324-2',  'Gamma-glutamyltransferase (GGT)','CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('AMY',     '1798-8',  'Amylase',                        'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('LIP',     '3040-3',  'Lipase',                         'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('CK',      '2157-6',  'Creatine kinase',                'CHEM', 'NUMERIC', 'U/L',     0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('FE',      '2498-4',  'Iron',                           'CHEM', 'NUMERIC', 'ug/dL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('FERR',    '2276-4',  'Ferritin',                       'CHEM', 'NUMERIC', 'ng/mL',   0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('URIC',    '3084-1',  'Uric acid',                      'CHEM', 'NUMERIC', 'mg/dL',   1, 'serum', 'GOLD', '{}', '{}', false, true),
    -- Ammonia: heparin plasma on ice (confirm 16362-6 = Ammonia [Moles/volume] in Plasma).
    ('NH3',     '16362-6', 'Ammonia',                        'CHEM', 'NUMERIC', 'umol/L',  0, 'plasma (heparin)', 'LGRN', '{}', '{}', false, true),
    -- Calculated chemistry (clinical reference §1): computed by the results module, never ordered alone.
    ('AGAP',    '10466-1', 'Anion gap (Na - Cl - HCO3)',     'CHEM', 'NUMERIC', 'mmol/L',  0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('AGAPK',   '1863-0',  'Anion gap with potassium',       'CHEM', 'NUMERIC', 'mmol/L',  0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('EGFR',    '98979-8', 'eGFR CKD-EPI 2021 (creatinine)', 'CHEM', 'NUMERIC', 'mL/min/{1.73_m2}', 0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('EGFRCYS', '98980-6', 'eGFR CKD-EPI 2021 (creatinine-cystatin C)', 'CHEM', 'NUMERIC', 'mL/min/{1.73_m2}', 0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('LDLC',    '13457-7', 'LDL cholesterol, calculated',    'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('NHDL',    '43396-1', 'Non-HDL cholesterol',            'CHEM', 'NUMERIC', 'mg/dL',   0, 'serum', 'GOLD', '{}', '{}', true, false),
    ('GLOB',    '10834-0', 'Globulin',                       'CHEM', 'NUMERIC', 'g/dL',    1, 'serum', 'GOLD', '{}', '{}', true, false),
    ('AGR',     '1759-0',  'Albumin/globulin ratio',         'CHEM', 'NUMERIC', '{ratio}', 1, 'serum', 'GOLD', '{}', '{}', true, false),
    ('BUNCR',   '3097-3',  'BUN/creatinine ratio',           'CHEM', 'NUMERIC', '{ratio}', 0, 'serum', 'GOLD', '{}', '{}', true, false),

    -- Hematology (EDTA whole blood)
    ('WBC',     '6690-2',  'White blood cells',              'HEME', 'NUMERIC', '10*3/uL', 1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('RBC',     '789-8',   'Red blood cells',                'HEME', 'NUMERIC', '10*6/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('HGB',     '718-7',   'Hemoglobin',                     'HEME', 'NUMERIC', 'g/dL',    1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('HCT',     '4544-3',  'Hematocrit',                     'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('MCV',     '787-2',   'Mean corpuscular volume (MCV)',  'HEME', 'NUMERIC', 'fL',      1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('MCH',     '785-6',   'Mean corpuscular hemoglobin (MCH)', 'HEME', 'NUMERIC', 'pg',   1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('MCHC',    '786-4',   'Mean corpuscular hemoglobin concentration (MCHC)', 'HEME', 'NUMERIC', 'g/dL', 1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('RDW',     '788-0',   'Red cell distribution width (RDW-CV)', 'HEME', 'NUMERIC', '%', 1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('PLT',     '777-3',   'Platelets',                      'HEME', 'NUMERIC', '10*3/uL', 0, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('MPV',     '32623-1', 'Mean platelet volume (MPV)',     'HEME', 'NUMERIC', 'fL',      1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    ('NEUTA',   '751-8',   'Neutrophils, absolute',          'HEME', 'NUMERIC', '10*3/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('LYMPHA',  '731-0',   'Lymphocytes, absolute',          'HEME', 'NUMERIC', '10*3/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('MONOA',   '742-7',   'Monocytes, absolute',            'HEME', 'NUMERIC', '10*3/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('EOSA',    '711-2',   'Eosinophils, absolute',          'HEME', 'NUMERIC', '10*3/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('BASOA',   '704-7',   'Basophils, absolute',            'HEME', 'NUMERIC', '10*3/uL', 2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('NEUTP',   '770-8',   'Neutrophils %',                  'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('LYMPHP',  '736-9',   'Lymphocytes %',                  'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('MONOP',   '5905-5',  'Monocytes %',                    'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('EOSP',    '713-8',   'Eosinophils %',                  'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('BASOP',   '706-2',   'Basophils %',                    'HEME', 'NUMERIC', '%',       1, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, false),
    ('RETIC',   '17849-1', 'Reticulocytes % (automated)',    'HEME', 'NUMERIC', '%',       2, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),
    -- ESR by Westergren (confirm 4537-7 against the lab's method; 30341-2 is the method-less code).
    ('ESR',     '4537-7',  'Erythrocyte sedimentation rate (Westergren)', 'HEME', 'NUMERIC', 'mm/h', 0, 'whole blood (EDTA)', 'LAV', '{}', '{}', false, true),

    -- Coagulation (3.2% citrate plasma, tube filled to the line)
    ('PT',      '5902-2',  'Prothrombin time',               'COAG', 'NUMERIC', 's',       1, 'plasma (citrated)', 'LBLU', '{}', '{}', false, true),
    ('INR',     '6301-6',  'INR',                            'COAG', 'NUMERIC', '{INR}',   1, 'plasma (citrated)', 'LBLU', '{}', '{}', false, true),
    ('APTT',    '14979-9', 'Activated partial thromboplastin time (aPTT)', 'COAG', 'NUMERIC', 's', 1, 'plasma (citrated)', 'LBLU', '{}', '{}', false, true),
    ('FIB',     '3255-7',  'Fibrinogen',                     'COAG', 'NUMERIC', 'mg/dL',   0, 'plasma (citrated)', 'LBLU', '{}', '{}', false, true),
    ('DDIMER',  '48065-7', 'D-dimer (FEU)',                  'COAG', 'NUMERIC', 'ng/mL{FEU}', 0, 'plasma (citrated)', 'LBLU', '{}', '{}', false, true),

    -- Urinalysis, dipstick (test strip) and appearance
    ('UCOLOR',  '5778-6',  'Color of urine',                 'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{colourless,straw,yellow,amber,orange,red,brown,green}', '{orange,red,brown,green}', false, false),
    ('UAPPEAR', '5767-9',  'Appearance of urine',            'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{clear,slightly cloudy,cloudy,turbid}', '{cloudy,turbid}', false, false),
    ('USG',     '5811-5',  'Specific gravity of urine (strip)', 'UA', 'NUMERIC', '1',  3, 'urine', 'UCUP', '{}', '{}', false, false),
    ('UPH',     '5803-2',  'pH of urine (strip)',            'UA', 'NUMERIC', '[pH]',  1, 'urine', 'UCUP', '{}', '{}', false, false),
    ('UPROT',   '20454-5', 'Protein, urine (strip)',         'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,trace,1+,2+,3+,4+}', '{trace,1+,2+,3+,4+}', false, false),
    ('UGLU',    '25428-4', 'Glucose, urine (strip)',         'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,trace,1+,2+,3+,4+}', '{trace,1+,2+,3+,4+}', false, false),
    ('UKET',    '2514-8',  'Ketones, urine (strip)',         'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,trace,1+,2+,3+}', '{trace,1+,2+,3+}', false, false),
    ('UBIL',    '5770-3',  'Bilirubin, urine (strip)',       'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,1+,2+,3+}', '{1+,2+,3+}', false, false),
    ('UBLD',    '5794-3',  'Blood (hemoglobin), urine (strip)', 'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,trace,1+,2+,3+}', '{trace,1+,2+,3+}', false, false),
    ('UNIT',    '5802-4',  'Nitrite, urine (strip)',         'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,positive}', '{positive}', false, false),
    ('ULEU',    '5799-2',  'Leukocyte esterase, urine (strip)', 'UA', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,trace,1+,2+,3+}', '{trace,1+,2+,3+}', false, false),
    ('UUBG',    '20405-7', 'Urobilinogen, urine (strip)',    'UA', 'NUMERIC', 'mg/dL', 1, 'urine', 'UCUP', '{}', '{}', false, false),

    -- Microbiology: culture reports are text written by the microbiologist
    ('BCULT',   '600-7',   'Blood culture',                  'MICRO', 'TEXT', null, null, 'blood', 'BCB', '{}', '{}', false, true),
    ('UCULT',   '630-4',   'Urine culture',                  'MICRO', 'TEXT', null, null, 'urine', 'STCUP', '{}', '{}', false, true),
    -- Confirm 6462-6 (Bacteria identified in Wound by Culture) against the LOINC table.
    ('WCULT',   '6462-6',  'Wound culture',                  'MICRO', 'TEXT', null, null, 'wound swab', 'SWAB', '{}', '{}', false, true),
    ('GRAM',    '664-3',   'Gram stain',                     'MICRO', 'TEXT', null, null, 'swab', 'SWAB', '{}', '{}', false, true),

    -- Immunology / serology
    ('TSH',     '3016-3',  'Thyrotropin (TSH)',              'IMMUNO', 'NUMERIC', 'm[IU]/L', 2, 'serum', 'GOLD', '{}', '{}', false, true),
    ('FT4',     '3024-7',  'Thyroxine, free (FT4)',          'IMMUNO', 'NUMERIC', 'ng/dL',   2, 'serum', 'GOLD', '{}', '{}', false, true),
    ('HBSAG',   '5196-1',  'Hepatitis B surface antigen',    'IMMUNO', 'CODED', null, null, 'serum', 'GOLD',
        '{nonreactive,reactive}', '{reactive}', false, true),
    ('HCVAB',   '16128-1', 'Hepatitis C antibody',           'IMMUNO', 'CODED', null, null, 'serum', 'GOLD',
        '{nonreactive,reactive}', '{reactive}', false, true),
    -- HIV-1/2 antibody + p24 antigen combination immunoassay (confirm 56888-1 against the assay in use).
    ('HIVAGAB', '56888-1', 'HIV-1/2 antigen/antibody',       'IMMUNO', 'CODED', null, null, 'serum', 'GOLD',
        '{nonreactive,reactive}', '{reactive}', false, true),
    ('RF',      '11572-5', 'Rheumatoid factor',              'IMMUNO', 'NUMERIC', '[IU]/mL', 0, 'serum', 'GOLD', '{}', '{}', false, true),
    -- A positive pregnancy test is not "abnormal", so no answer is flagged.
    ('HCGU',    '2106-3',  'hCG (pregnancy test), urine',    'IMMUNO', 'CODED', null, null, 'urine', 'UCUP',
        '{negative,positive}', '{}', false, true);

insert into catalog.panel (code, loinc, name) values
    ('BMP',     '51990-0', 'Basic metabolic panel'),
    ('CMP',     '24323-8', 'Comprehensive metabolic panel'),
    ('CBC',     '57021-8', 'CBC with automated differential'),
    -- Lipid 1996 panel: total cholesterol, triglyceride, HDL and calculated LDL (57698-3 is the direct-LDL panel).
    ('LIPID',   '24331-1', 'Lipid panel'),
    -- 24373-3 is the aPTT + PT/INR panel; LOINC has no panel code that also holds fibrinogen, which this lab adds.
    ('COAG',    '24373-3', 'Coagulation panel (PT, INR, aPTT, fibrinogen)'),
    ('HEPATIC', '24325-3', 'Hepatic function panel'),
    ('RENAL',   '24362-6', 'Renal function panel'),
    ('UA',      '24357-6', 'Urinalysis, dipstick');

insert into catalog.panel_member (panel_id, test_id, position)
select p.id, t.id, m.position
from (values
    ('BMP', 'GLU', 1), ('BMP', 'BUN', 2), ('BMP', 'CREA', 3), ('BMP', 'NA', 4), ('BMP', 'K', 5), ('BMP', 'CL', 6),
    ('BMP', 'CO2', 7), ('BMP', 'CA', 8),
    ('CMP', 'GLU', 1), ('CMP', 'BUN', 2), ('CMP', 'CREA', 3), ('CMP', 'NA', 4), ('CMP', 'K', 5), ('CMP', 'CL', 6),
    ('CMP', 'CO2', 7), ('CMP', 'CA', 8), ('CMP', 'TP', 9), ('CMP', 'ALB', 10), ('CMP', 'TBIL', 11),
    ('CMP', 'ALP', 12), ('CMP', 'AST', 13), ('CMP', 'ALT', 14),
    ('CBC', 'WBC', 1), ('CBC', 'RBC', 2), ('CBC', 'HGB', 3), ('CBC', 'HCT', 4), ('CBC', 'MCV', 5), ('CBC', 'MCH', 6),
    ('CBC', 'MCHC', 7), ('CBC', 'RDW', 8), ('CBC', 'PLT', 9), ('CBC', 'MPV', 10), ('CBC', 'NEUTP', 11),
    ('CBC', 'LYMPHP', 12), ('CBC', 'MONOP', 13), ('CBC', 'EOSP', 14), ('CBC', 'BASOP', 15), ('CBC', 'NEUTA', 16),
    ('CBC', 'LYMPHA', 17), ('CBC', 'MONOA', 18), ('CBC', 'EOSA', 19), ('CBC', 'BASOA', 20),
    ('LIPID', 'CHOL', 1), ('LIPID', 'TRIG', 2), ('LIPID', 'HDL', 3), ('LIPID', 'LDLC', 4),
    ('COAG', 'PT', 1), ('COAG', 'INR', 2), ('COAG', 'APTT', 3), ('COAG', 'FIB', 4),
    ('HEPATIC', 'TP', 1), ('HEPATIC', 'ALB', 2), ('HEPATIC', 'TBIL', 3), ('HEPATIC', 'DBIL', 4),
    ('HEPATIC', 'ALP', 5), ('HEPATIC', 'AST', 6), ('HEPATIC', 'ALT', 7),
    ('RENAL', 'GLU', 1), ('RENAL', 'BUN', 2), ('RENAL', 'CREA', 3), ('RENAL', 'NA', 4), ('RENAL', 'K', 5),
    ('RENAL', 'CL', 6), ('RENAL', 'CO2', 7), ('RENAL', 'CA', 8), ('RENAL', 'PHOS', 9), ('RENAL', 'ALB', 10),
    ('UA', 'UCOLOR', 1), ('UA', 'UAPPEAR', 2), ('UA', 'USG', 3), ('UA', 'UPH', 4), ('UA', 'UPROT', 5),
    ('UA', 'UGLU', 6), ('UA', 'UKET', 7), ('UA', 'UBIL', 8), ('UA', 'UBLD', 9), ('UA', 'UNIT', 10),
    ('UA', 'UUBG', 11), ('UA', 'ULEU', 12)
) as m (panel_code, test_code, position)
join catalog.panel p on p.code = m.panel_code
join catalog.test t on t.code = m.test_code;

-- Reference intervals and critical limits. Age bands in days, from inclusive, to exclusive:
--   neonate        0 – 29      (first 28 days of life)
--   0–15 years     0 – 5844    (UIHC "0-15 yrs": up to the 16th birthday, 16 × 365.25 days)
--   adult       6575 – open    (18 years)
-- Sex 'A' = any. For analytes with sex bands an 'A' band (female low, male high) is kept too, so a patient of
-- unknown or other sex still gets critical limits; the sex-specific band wins when the sex is known.
-- All starter rows are in effect from 2000-01-01 so historical results resolve.
insert into catalog.reference_interval (test_id, sex, age_from_days, age_to_days, low, high, critical_low,
                                        critical_high, critical_inclusive, unit, effective_from)
select t.id, v.sex, v.age_from, v.age_to, v.low, v.high, v.crit_low, v.crit_high, v.inclusive, t.unit,
       timestamptz '2000-01-01 00:00:00+00'
from (values
    ('NA',    'A', 0, null::int, 135::numeric, 145::numeric, 120::numeric, 160::numeric, false),  -- UIHC
    ('K',     'A', 0, null, 3.5, 5.1, 2.8, 6.2, false),       -- UIHC adult
    ('K',     'A', 0, 5844, 3.5, 5.1, 3.0, 6.5, false),       -- UIHC 0-15 y
    ('CL',    'A', 0, null, 98, 107, 75, 121, true),          -- HM: ≤75 / ≥121
    ('CO2',   'A', 0, null, 22, 29, 10, 50, false),           -- UIHC (ARUP uses >40)
    ('GLU',   'A', 0, null, 70, 99, 50, 450, false),          -- fasting; UIHC criticals
    ('GLU',   'A', 0, 29, null, null, 40, 300, false),        -- UIHC neonate criticals; neonatal interval lab-defined
    ('BUN',   'A', 0, null, 7, 20, null, null, false),
    ('CREA',  'M', 0, null, 0.74, 1.35, null, null, false),
    ('CREA',  'F', 0, null, 0.59, 1.04, null, null, false),
    ('CREA',  'A', 0, null, 0.59, 1.35, null, null, false),
    ('CA',    'A', 0, null, 8.6, 10.3, 6.0, 13.0, false),     -- UIHC, ARUP
    ('ICA',   'A', 0, null, 1.15, 1.33, 0.78, 1.58, false),   -- ARUP
    ('MG',    'A', 0, null, 1.7, 2.2, 1.0, 4.7, false),       -- UIHC
    ('PHOS',  'A', 0, null, 2.5, 4.5, 1.0, 9.0, false),       -- ARUP
    ('ALB',   'A', 0, null, 3.5, 5.0, null, null, false),
    ('TP',    'A', 0, null, 6.0, 8.3, null, null, false),
    ('ALT',   'A', 0, null, 7, 56, null, null, false),
    ('AST',   'A', 0, null, 10, 40, null, null, false),
    -- Adults only: children's ALP is much higher and needs the lab's own age bands.
    ('ALP',   'A', 6575, null, 40, 130, null, null, false),
    ('TBIL',  'A', 31, null, 0.1, 1.2, null, 15, false),      -- ARUP adult >15
    ('TBIL',  'A', 0, 1, null, null, null, 10, false),        -- UIHC first 24 h
    ('TBIL',  'A', 1, 31, null, null, null, 13, false),       -- UIHC day 1-30
    -- hs-troponin I: upper limits are the assay's sex-specific 99th percentiles (one common assay; confirm
    -- for the assay in use). Unknown sex gets the lower (female) limit so no elevated result goes unflagged.
    ('TROPHS','F', 0, null, null, 16, null, null, false),
    ('TROPHS','M', 0, null, null, 34, null, null, false),
    ('TROPHS','A', 0, null, null, 16, null, null, false),
    ('LACT',  'A', 0, null, 0.5, 2.2, null, 3.5, true),       -- HM: ≥3.5
    ('CRP',   'A', 0, null, null, 9.9, null, null, false),    -- <10 mg/L at one decimal
    ('HBA1C', 'A', 0, null, 4.0, 5.6, null, null, false),     -- ADA: 5.7-6.4 prediabetes, ≥6.5 diabetes
    ('CYSC',  'A', 0, null, 0.6, 1.0, null, null, false),
    -- Lipid decision limits (NCEP ATP III): desirable cholesterol <200, triglyceride <150, HDL ≥40, LDL <100.
    ('CHOL',  'A', 0, null, null, 199, null, null, false),
    ('TRIG',  'A', 0, null, null, 149, null, null, false),
    ('HDL',   'A', 0, null, 40, null, null, null, false),
    ('LDLC',  'A', 0, null, null, 99, null, null, false),
    ('NHDL',  'A', 0, null, null, 129, null, null, false),
    ('EGFR',  'A', 6575, null, 60, null, null, null, false),  -- KDIGO G1-G2; equation valid from 18 y
    ('HGB',   'M', 0, null, 13.5, 17.5, 7.0, 21.0, false),    -- ARUP criticals
    ('HGB',   'F', 0, null, 12.0, 15.5, 7.0, 21.0, false),
    ('HGB',   'A', 0, null, 12.0, 17.5, 7.0, 21.0, false),
    ('HCT',   'M', 0, null, 41, 50, 21, 65, false),           -- ARUP criticals
    ('HCT',   'F', 0, null, 36, 44, 21, 65, false),
    ('HCT',   'A', 0, null, 36, 50, 21, 65, false),
    ('WBC',   'A', 0, null, 4.0, 11.0, 2.0, 40.0, false),     -- ARUP
    ('PLT',   'A', 0, null, 150, 400, 20, 1000, false),       -- ARUP
    ('NEUTA', 'A', 0, null, 1.8, 7.7, 0.5, null, false),      -- HB
    ('MCV',   'A', 0, null, 80, 100, null, null, false),
    ('PT',    'A', 0, null, 10.0, 13.0, null, null, false),   -- reagent-specific: replace per reagent lot
    ('INR',   'A', 0, null, 0.8, 1.2, null, 5.0, false),      -- ARUP; not anticoagulated
    ('APTT',  'A', 0, null, 25, 35, null, 85, false),         -- ARUP; reagent-specific interval
    ('FIB',   'A', 0, null, 200, 400, 100, null, false),      -- ARUP
    ('USG',   'A', 0, null, 1.005, 1.030, null, null, false),
    ('UPH',   'A', 0, null, 5.0, 8.0, null, null, false),
    ('UUBG',  'A', 0, null, 0.2, 1.0, null, null, false),
    ('TSH',   'A', 0, null, 0.4, 4.0, null, null, false)
) as v (code, sex, age_from, age_to, low, high, crit_low, crit_high, inclusive)
join catalog.test t on t.code = v.code;
