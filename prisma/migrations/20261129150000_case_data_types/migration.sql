-- Case data fields get a French label, a type validated on edit, and a list of allowed values.
CREATE TYPE "CaseDataType" AS ENUM ('TEXT', 'EMAIL', 'PHONE', 'NUMBER', 'LIST');

ALTER TABLE "CaseDataField"
  ADD COLUMN "labelFr" TEXT,
  ADD COLUMN "type" "CaseDataType" NOT NULL DEFAULT 'TEXT',
  ADD COLUMN "options" TEXT[] DEFAULT ARRAY[]::TEXT[];
