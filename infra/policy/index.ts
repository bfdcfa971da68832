// The policy pack: `pulumi preview --policy-pack infra/policy` (and pulumi/actions' policyPacks) load this file.
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("farmtopeople", { policies: POLICIES });
