-- Where an analyzer's results carry the tube's accession (vendors differ: SPM-2, OBR-3, OBR-2; ASTM O-3, O-4).
-- AUTO keeps the usual places: HL7 SPM-2 when present, else OBR-3; ASTM O-3.
alter table instruments.analyzer add column specimen_id_field text not null default 'AUTO'
    check (specimen_id_field in ('AUTO', 'SPM_2', 'OBR_3', 'OBR_2', 'O_3', 'O_4'));
alter table instruments.analyzer add check (
    specimen_id_field in ('AUTO', 'SPM_2', 'OBR_3', 'OBR_2') and protocol = 'HL7'
    or specimen_id_field in ('AUTO', 'O_3', 'O_4') and protocol = 'ASTM');
